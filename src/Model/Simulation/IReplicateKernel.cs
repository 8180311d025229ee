using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// Runs whole replicates of one configuration and writes their checkpoint errors and observables into a
/// <see cref="ReplicateSink"/>. A kernel is used by one thread at a time; the simulator makes one per thread.
/// Every kernel must give exactly the bits of <see cref="ReferenceLocalSgd"/> for the same replicate.
/// </summary>
public interface IReplicateKernel
{
    /// <summary>Runs replicates firstReplicate .. firstReplicate + count − 1.</summary>
    void RunBlock(int firstReplicate, int count, ReplicateSink sink);
}
