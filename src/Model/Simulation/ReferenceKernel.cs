using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>The general path: runs the reference loop itself on a reused workspace (any problem, any schedule).</summary>
public sealed class ReferenceKernel(LocalSgdConfiguration configuration, ulong seed) : IReplicateKernel
{
    private readonly ReferenceLocalSgd loop = new(configuration, seed);
    private readonly ReplicateOutcome outcome = ReplicateOutcome.For(configuration);

    /// <inheritdoc/>
    public void RunBlock(int firstReplicate, int count, ReplicateSink sink)
    {
        for (int r = firstReplicate; r < firstReplicate + count; r++)
        {
            loop.RunInto(r, outcome);
            sink.Store(r, outcome);
        }
    }
}
