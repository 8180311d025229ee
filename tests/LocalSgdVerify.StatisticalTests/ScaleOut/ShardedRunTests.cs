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
/// hold, and it computes nothing itself for claims whose requests do not depend on outcomes (so every such claim asked
/// the gathering store for everything it needs); existence searches may leave the merge configurations to compute.
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
        var singleRun = ClaimRunner.Run(claims, options, cancellation);
        string single = Body(singleRun, claims);
        // An existence search stops at its first witness and shrinks it: which configurations it visits depends on the
        // outcomes, which a shard knows only for its own blocks, so the merge may compute the ones no shard visited.
        var outcomeDependent = singleRun.Results.Where(r => r.Exploration?.Kind == Checks.Framework.Exploration.ExplorationReport.ExistsKind)
            .Select(r => r.Id).ToHashSet();

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
            var everyShard = new MeasurementTable();
            foreach (var table in shards) everyShard.Add(table);
            Assert.Equal(everyShard.ReplicateCount, shards.Sum(table => table.ReplicateCount));
            for (int shuffle = 0; shuffle < 2; shuffle++)
            {
                var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
                var joined = new MeasurementTable();
                foreach (int index in order) joined.Add(shards[index]);
                var stores = new Dictionary<string, MeasurementStore>();
                string merged = Body(ClaimRunner.Run(claims, options, cancellation,
                    measurements: claim => stores[claim.Id] = MeasurementStore.Serving(joined, count)), claims);
                long rows = stores.Values.Sum(store => store.ComputedReplicates), values = stores.Values.Sum(store => store.ComputedValues);
                output.WriteLine($"{profile}, N = {count}, shards joined in order {string.Join(" ", order.Select(i => i + 1))}: merge computed {rows} rows, {values} values");
                var computing = stores.Where(pair => !outcomeDependent.Contains(pair.Key) && (pair.Value.ComputedReplicates > 0 || pair.Value.ComputedValues > 0))
                    .Select(pair => $"{pair.Key} ({pair.Value.ComputedReplicates} rows, {pair.Value.ComputedValues} values)").ToList();
                Assert.True(computing.Count == 0,
                    $"N = {count}: the merge computed what no shard held for {string.Join(", ", computing)} (a claim did not ask its gathering store for them)");
                string? difference = TextDifference.First(single, merged);
                Assert.True(difference is null, $"{profile}, N = {count}, order {string.Join(" ", order.Select(i => i + 1))}: merged report.json body differs from the single run's: {difference} (master seed {TestSeeds.MasterSeed})");
            }
        }
    }

    private static string Body(CheckRun run, IReadOnlyList<IClaim> claims) =>
        ReportJson.Body(ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UnixEpoch, "test"));
}
