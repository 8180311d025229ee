using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>
/// The run's store: caching computes each replicate once (a later stage only the new ones), gathering computes exactly
/// the blocks a shard owns and answers copies for the rest, serving answers from the shards' joined units and computes
/// only what none holds, and every mode hands out the bits the direct computation gives.
/// </summary>
public sealed class MeasurementStoreTests
{
    // A replicate's row depends only on (key, replicate), like a simulation's; its length varies, like a run's sync steps.
    private static double[] RowOf(string key, int replicate) =>
        Enumerable.Range(0, 1 + replicate % 3).Select(k => Math.Sin(replicate * 1.37 + k + key.Length) * 1e3).ToArray();

    private static Func<int, int, double[][]> Compute(string key, List<(int First, int Count)>? calls = null) => (first, count) =>
    {
        calls?.Add((first, count));
        return Enumerable.Range(first, count).Select(r => RowOf(key, r)).ToArray();
    };

    [Fact]
    public void ACachingStoreComputesOnlyTheReplicatesEarlierStagesDidNot()
    {
        var store = MeasurementStore.Caching();
        var calls = new List<(int First, int Count)>();
        foreach (int count in new[] { 96, 192, 384, 768, 1500, 768 }) store.Replicates("k", count, Compute("k", calls));
        Assert.Equal([(0, 96), (96, 96), (192, 192), (384, 384), (768, 732)], calls);
        Assert.Equal(1500, store.ComputedReplicates);
        var values = new List<int>();
        Assert.Equal([1.0, 2.0], store.Values("v", () => { values.Add(1); return [1.0, 2.0]; }));
        Assert.Equal([1.0, 2.0], store.Values("v", () => { values.Add(2); return [3.0]; }));
        Assert.Equal([1], values);
    }

    [Fact]
    public void EveryBlockBelongsToExactlyOneShardAndConsecutiveBlocksToConsecutiveShards()
    {
        var cases = from count in Gen.Choose(1, 12)
                    from block in Gen.Choose(0, 10_000)
                    from key in Gen.Elements("a|simulate|x|1", "claim.S2|replicates|control/N=8|42", "", "ü|exact|λ|0")
                    select (count, block, key);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var owners = Enumerable.Range(1, c.count).Where(index => new ShardAssignment(index, c.count).OwnsBlock(c.key, c.block)).ToArray();
            int next = ShardAssignment.OwnerOfBlock(c.key, c.block + 1, c.count);
            return owners.Length == 1 && next == owners[0] % c.count + 1
                && Enumerable.Range(1, c.count).Count(index => new ShardAssignment(index, c.count).OwnsValues(c.key)) == 1;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void ShardsComputeTheirOwnBlocksWhoseUnionIsTheDirectComputation()
    {
        var cases = from shards in Gen.Choose(1, 9)
                    from count in Gen.Choose(1, 400)
                    select (shards, count);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string key = $"claim|simulate|case|{c.count}";
            var direct = DirectMeasurements.Instance.Replicates(key, c.count, Compute(key));
            var joined = new MeasurementTable();
            long computed = 0;
            for (int index = 1; index <= c.shards; index++)
            {
                var shard = new ShardAssignment(index, c.shards);
                var store = MeasurementStore.Gathering(shard);
                var calls = new List<(int First, int Count)>();
                store.Replicates(key, c.count, Compute(key, calls));
                // Every call this shard made that is kept covers blocks it owns (a stand-in source is block 0, not kept).
                var kept = store.Table.Runs(key).SelectMany(run => Enumerable.Range(run.First, run.Rows.Length)).ToArray();
                if (!kept.All(r => shard.OwnsBlock(key, MeasurementBlocks.Of(r)))) return false;
                computed += kept.Length;
                joined.Add(store.Table);
            }
            var served = MeasurementStore.Serving(joined, c.shards);
            var rows = served.Replicates(key, c.count, (_, _) => throw new InvalidOperationException("a unit no shard holds"));
            return computed == c.count && served.ComputedReplicates == 0 && rows.Zip(direct).All(pair => Bits(pair.First).SequenceEqual(Bits(pair.Second)));
        }).Check(TestSeeds.Properties(60));
    }

    [Fact]
    public void AGatheringStoreAnswersOtherShardsReplicatesWithCopiesOfItsOwnRows()
    {
        var shard = new ShardAssignment(2, 3);
        string key = "c|simulate|x|1";
        var rows = MeasurementStore.Gathering(shard).Replicates(key, 200, Compute(key));
        var owned = Enumerable.Range(0, 200).Where(r => shard.OwnsBlock(key, MeasurementBlocks.Of(r))).ToArray();
        Assert.NotEmpty(owned);
        for (int r = 0; r < 200; r++)
            Assert.Equal(shard.OwnsBlock(key, MeasurementBlocks.Of(r)) ? RowOf(key, r) : RowOf(key, owned[r % owned.Length]), rows[r]);
    }

    [Fact]
    public void AShardThatOwnsNoBlockOfAKeyComputesBlockZeroAsItsStandInsAndKeepsNothing()
    {
        string key = "c|replicates|small|7";
        int owner = ShardAssignment.OwnerOfBlock(key, 0, 4);
        var other = new ShardAssignment(owner % 4 + 1, 4);
        var store = MeasurementStore.Gathering(other);
        var rows = store.Replicates(key, 10, Compute(key));
        Assert.Equal(RowOf(key, 3), rows[3]);
        Assert.Empty(store.Table.ReplicateKeys);
    }

    [Fact]
    public void ValuesAShardDoesNotOwnAreNaNUnlessItIsAskedToComputeThemAndTheyAreNeverKept()
    {
        string key = "c|exact|e|0";
        var notOwner = new ShardAssignment(ShardAssignment.OwnerOfValues(key, 2) % 2 + 1, 2);
        var store = MeasurementStore.Gathering(notOwner);
        Assert.True(double.IsNaN(Assert.Single(store.Values(key, () => [5.0]))));
        store.ComputeValueStandIns = true;
        Assert.Equal([5.0], store.Values(key, () => [5.0]));
        Assert.Empty(store.Table.ValueKeys);
        var owner = MeasurementStore.Gathering(new ShardAssignment(ShardAssignment.OwnerOfValues(key, 2), 2));
        Assert.Equal([5.0], owner.Values(key, () => [5.0]));
        Assert.Equal([key], owner.Table.ValueKeys);
    }

    [Fact]
    public void APartialServingStoreRefusesAUnitWhoseOwnerIsAbsentAndComputesOneThatNoShardWasGiven()
    {
        string key = "c|simulate|x|3";
        var present = new HashSet<int> { ShardAssignment.OwnerOfBlock(key, 0, 3) };
        var joined = new MeasurementTable();
        var store = MeasurementStore.Serving(joined, 3, present);
        var computed = store.Replicates(key, 20, Compute(key));
        Assert.Equal(20, store.ComputedReplicates);
        var missing = Assert.Throws<MeasurementUnavailableException>(() => store.Replicates(key, 64, Compute(key)));
        Assert.Equal(ShardAssignment.OwnerOfBlock(key, 1, 3), missing.Owner);
        Assert.Equal(RowOf(key, 19), computed[19]);
    }

    [Fact]
    public void AGatheringStoreTakesOwnedUnitsFromWhatTheProcessAlreadyComputed()
    {
        string key = "c|simulate|x|4";
        var known = new MeasurementTable();
        known.SetRows(key, 0, Compute(key)(0, 100));
        var store = MeasurementStore.Gathering(new ShardAssignment(1, 2), known);
        store.Replicates(key, 100, (_, _) => throw new InvalidOperationException("recomputed a known unit"));
        Assert.Equal(0, store.ComputedReplicates);
        Assert.NotEmpty(store.Table.ReplicateKeys);
    }

    private static long[] Bits(double[] row) => row.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
