using System.Globalization;

namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// Shard K of N (1 ≤ K ≤ N) of a run and which units it owns: block b of the replicates under key k belongs to shard
/// ((h(k) + b) mod N) + 1 and the values under k to shard (h(k) mod N) + 1, with h the <see cref="StableHash"/> of
/// the key. Consecutive blocks of one experiment go to consecutive shards, so every stage of every experiment is
/// spread evenly, and the rule depends on nothing but (key, block, N).
/// </summary>
public sealed record ShardAssignment
{
    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public ShardAssignment(int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"a run has at least one shard, got N = {count}.");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), index, $"shard index K must lie in 1..{count}, got {index}.");
        Index = index;
        Count = count;
    }

    /// <summary>K, 1-based.</summary>
    public int Index { get; }

    /// <summary>N.</summary>
    public int Count { get; }

    /// <summary>The shard that owns block <paramref name="block"/> of the replicates under <paramref name="key"/>.</summary>
    public static int OwnerOfBlock(string key, int block, int count) =>
        (int)((StableHash.Of(key) % (ulong)count + (ulong)block % (ulong)count) % (ulong)count) + 1;

    /// <summary>The shard that owns the values under <paramref name="key"/>.</summary>
    public static int OwnerOfValues(string key, int count) => (int)(StableHash.Of(key) % (ulong)count) + 1;

    /// <summary>True when this shard computes block <paramref name="block"/> under <paramref name="key"/>.</summary>
    public bool OwnsBlock(string key, int block) => OwnerOfBlock(key, block, Count) == Index;

    /// <summary>True when this shard computes the values under <paramref name="key"/>.</summary>
    public bool OwnsValues(string key) => OwnerOfValues(key, Count) == Index;

    /// <summary>"K/N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
