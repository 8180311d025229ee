namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// How a blocked kernel stores a block's lanes, one double per replicate × worker × coordinate (plus padding), and
/// the operations on them that do not depend on the problem: start every worker at x0, form x̄ of a replicate (summed
/// in worker order from 0, then divided by N, as <see cref="Algorithm.ReferenceLocalSgd.VirtualAverage"/> does) and
/// set a replicate's workers to it, or average within contiguous groups of workers (hierarchical schedules). <see cref="RowLayout"/> keeps each worker's coordinates together (the noise
/// layout of the Gaussian problems); <see cref="PlaneLayout"/> keeps each coordinate's replicates together (one vector
/// holds eight replicates of one worker, the layout of the kernels that look up sampled rows).
/// </summary>
internal abstract class LaneLayout(int workers, int dimension)
{
    /// <summary>N.</summary>
    public int Workers { get; } = workers;

    /// <summary>d.</summary>
    public int Dimension { get; } = dimension;

    /// <summary>Lanes a block of <paramref name="replicates"/> replicates needs.</summary>
    public abstract int LaneCount(int replicates);

    /// <summary>Every worker of every replicate at <paramref name="point"/>; padding lanes as the layout keeps them.</summary>
    public abstract void Fill(Span<double> lanes, int replicates, IReadOnlyList<double> point);

    /// <summary>x̄ of every replicate: means[r·d + k].</summary>
    public abstract void AverageAll(ReadOnlySpan<double> lanes, int replicates, Span<double> means);

    /// <summary>x̄ of one replicate into <paramref name="mean"/> (length d).</summary>
    public abstract void Average(ReadOnlySpan<double> lanes, int replicates, int replicate, Span<double> mean);

    /// <summary>Sets every worker of every replicate r to means[r·d ..].</summary>
    public abstract void AssignAll(Span<double> lanes, int replicates, ReadOnlySpan<double> means);

    /// <summary>Sets every worker of one replicate to <paramref name="mean"/>.</summary>
    public abstract void Assign(Span<double> lanes, int replicates, int replicate, ReadOnlySpan<double> mean);

    /// <summary>
    /// Sets every worker of each contiguous group of <paramref name="groupSize"/> workers, in every replicate, to the
    /// group's mean (summed in worker order from 0, then divided by g, as <see cref="Communication.GroupAveraging.AverageWithinGroups"/>
    /// does). Returns true when some group mean is NaN or larger in magnitude than <paramref name="bound"/>.
    /// </summary>
    public abstract bool AverageWithinGroups(Span<double> lanes, int replicates, int groupSize, double bound);

    /// <summary>The replicate (of the block) and worker lane <paramref name="lane"/> belongs to.</summary>
    public abstract (int Replicate, int Worker) Owner(int lane, int replicates);
}
