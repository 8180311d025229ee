using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The fast paths shipped with the suite: blocked fused kernels for the separable quadratic, the 1-D problems and
/// (with AVX-512) the dense quadratic under static schedules. Anything else (run-dependent schedules, other
/// problems) runs on the reference loop.
/// </summary>
public sealed class BuiltInKernels : IKernelFactory
{
    /// <inheritdoc/>
    public IReplicateKernel? TryCreate(LocalSgdConfiguration configuration, ulong seed)
    {
        if (configuration.Communication.DependsOnRun) return null;
        return configuration.Problem switch
        {
            SeparableQuadratic => new SeparableQuadraticKernel(configuration, seed),
            KinkFunction or SmoothFunction => new ScalarProblemKernel(configuration, seed),
            DenseQuadratic when DenseQuadraticKernel.IsSupported => new DenseQuadraticKernel(configuration, seed),
            _ => null,
        };
    }
}
