namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// Replicates are measured in blocks of a fixed size: block b of a request holds replicates b·B .. b·B + B − 1
/// (the last block of a request may be cut short). The size never depends on the thread count or the shard count, so
/// stages (whose replicate counts are whole blocks) and shards (which own whole blocks) are the same on every machine.
/// </summary>
public static class MeasurementBlocks
{
    /// <summary>
    /// B = 32 replicates: small enough that a first look at 1/16 of a ci-sized experiment (1,500 replicates → 94) is
    /// not rounded far up and that eight shards get work from a few hundred replicates; large enough that a block's
    /// fixed cost (one simulator call) is small beside its replicates.
    /// </summary>
    public const int Size = 32;

    /// <summary>The block replicate r belongs to.</summary>
    public static int Of(int replicate) => replicate / Size;

    /// <summary>How many blocks replicates 0..count − 1 touch.</summary>
    public static int Count(int count) => (count + Size - 1) / Size;

    /// <summary>The first replicate of block b.</summary>
    public static int First(int block) => block * Size;

    /// <summary>
    /// <paramref name="count"/> rounded up to whole blocks, but never above <paramref name="maximum"/>: the replicate
    /// count of a stage.
    /// </summary>
    public static int RoundUp(int count, int maximum) => (int)Math.Min(maximum, (long)Count(count) * Size);
}
