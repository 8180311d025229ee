using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.ScaleOut;

/// <summary>
/// A sharded run merged gives the report.json body of the single-process run, for the whole catalog at the quick and
/// ci profiles, N = 1, 2, 3, 4 and 7 shards, and the shards' units joined in shuffled orders: the shards gather (every
/// claim at its last look, computing only its own blocks), the merge runs the ordinary staged runner on what they
/// hold, and it computes nothing itself (so every claim asked the gathering store for everything it needs).
/// </summary>
public sealed class ShardedRunTests(ITestOutputHelper output)
{
    private static readonly int[] ShardCounts = [1, 2, 3, 4, 7];

    [Theory]
    [InlineData(Profile.Quick)]
    [InlineData(Profile.Ci)]
    public void MergedShardsGiveTheUnshardedBodyForEveryShardCountAndOrder(Profile profile)
    {
        var claims = ClaimCatalog.All;
        var options = new CheckOptions(profile, TestSeeds.MasterSeed);
        var cancellation = TestContext.Current.CancellationToken;
        string single = Body(ClaimRunner.Run(claims, options, cancellation), claims);

        // The units every shard count partitions, computed once here; each shard takes its own blocks from them (the
        // same bits a separate process computes, since a unit depends only on its key and replicate).
        var known = ClaimRunner.Gather(claims, options, new ShardAssignment(1, 1), cancellation).Table;
        var random = new Random((int)(TestSeeds.MasterSeed % int.MaxValue));
        foreach (int count in ShardCounts)
        {
            var shards = Enumerable.Range(1, count).Select(index =>
            {
                var run = ClaimRunner.Gather(claims, options, new ShardAssignment(index, count), cancellation, known: known);
                Assert.True(run.Discarded.Count == 0, $"shard {index}/{count}: claims stopped on stand-ins: {string.Join("; ", run.Discarded)}");
                return run.Table;
            }).ToArray();
            // Every unit is owned by exactly one shard: no replicate row is held twice.
            Assert.Equal(known.ReplicateCount, shards.Sum(table => table.ReplicateCount));
            for (int shuffle = 0; shuffle < 2; shuffle++)
            {
                var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
                var joined = new MeasurementTable();
                foreach (int index in order) joined.Add(shards[index]);
                var store = MeasurementStore.Serving(joined, count);
                string merged = Body(ClaimRunner.Run(claims, options, cancellation, measurements: _ => store), claims);
                output.WriteLine($"{profile}, N = {count}, shards joined in order {string.Join(" ", order.Select(i => i + 1))}: merge computed {store.ComputedReplicates} rows, {store.ComputedValues} values");
                Assert.True(store.ComputedReplicates == 0 && store.ComputedValues == 0,
                    $"N = {count}: the merge computed {store.ComputedReplicates} rows and {store.ComputedValues} values no shard held (a claim did not ask its gathering store for them)");
                string? difference = TextDifference.First(single, merged);
                Assert.True(difference is null, $"{profile}, N = {count}, order {string.Join(" ", order.Select(i => i + 1))}: merged report.json body differs from the single run's: {difference} (master seed {TestSeeds.MasterSeed})");
            }
        }
    }

    private static string Body(CheckRun run, IReadOnlyList<IClaim> claims) =>
        ReportJson.Body(ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UnixEpoch, "test"));
}
