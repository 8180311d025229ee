using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.ScaleOut;

/// <summary>
/// A sharded run merged gives the report.json body of the single-process run, for the whole catalog at the quick and
/// ci profiles, N = 1, 2, 3, 4 and 7 shards, the shards' units joined in shuffled orders, and either depth of gathering:
/// <list type="bullet">
/// <item>every look (<c>--shard-looks all</c>): the merge computes nothing itself for claims whose requests do not
/// depend on outcomes (so every such claim asked the gathering store for everything it needs);</item>
/// <item>the first look (the default): for those claims the shards and the merge together compute exactly the replicate
/// rows the single run computes, none twice (the shards the first look's, the merge the later looks' of claims
/// undecided at the first), and the merge computes no exact unit.</item>
/// </list>
/// Existence searches may leave the merge configurations to compute in both.
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
        var singleStores = new Dictionary<string, MeasurementStore>();
        var singleRun = ClaimRunner.Run(claims, options, cancellation, measurements: claim => singleStores[claim.Id] = MeasurementStore.Caching());
        string single = Body(singleRun, claims);
        // An existence search stops at its first witness and shrinks it: which configurations it visits depends on the
        // outcomes, which a shard knows only for its own blocks, so the merge may compute the ones no shard visited.
        var outcomeDependent = singleRun.Results.Where(r => r.Exploration?.Kind == Checks.Framework.Exploration.ExplorationReport.ExistsKind)
            .Select(r => r.Id).ToHashSet();
        var plain = claims.Select(claim => claim.Id).Where(id => !outcomeDependent.Contains(id)).ToList();

        // The units every shard count partitions, computed once here; each shard takes its own blocks from them (the
        // same bits a separate process computes, since a unit depends only on its key and replicate).
        var known = ClaimRunner.Gather(claims, options, new ShardAssignment(1, 1), cancellation).Table;
        var random = new Random((int)(TestSeeds.MasterSeed % int.MaxValue));
        foreach (int count in ShardCounts)
        {
            var every = Shards(claims, options, count, known, ShardLooks.All, cancellation);
            for (int shuffle = 0; shuffle < 2; shuffle++)
            {
                var (order, merged, stores) = Merge(claims, options, every, random, cancellation);
                string where = $"{profile}, N = {count}, every look, shards joined in order {string.Join(" ", order.Select(i => i + 1))}";
                Report(where, stores);
                var computing = plain.Where(id => stores[id].ComputedReplicates > 0 || stores[id].ComputedValues > 0)
                    .Select(id => $"{id} ({stores[id].ComputedReplicates} rows, {stores[id].ComputedValues} values)").ToList();
                Assert.True(computing.Count == 0,
                    $"{where}: the merge computed what no shard held for {string.Join(", ", computing)} (a claim did not ask its gathering store for them)");
                AssertSameBody(single, merged, where);
            }

            var first = Shards(claims, options, count, known, ShardLooks.First, cancellation);
            var (firstOrder, firstMerged, firstStores) = Merge(claims, options, first, random, cancellation);
            string firstWhere = $"{profile}, N = {count}, first look, shards joined in order {string.Join(" ", firstOrder.Select(i => i + 1))}";
            Report(firstWhere, firstStores);
            // Replicate rows: the shards compute the first look's, the merge the later looks' of undecided claims, none
            // twice and none the single run does not. Exact units: the merge computes none (a claim with exact units has
            // one look, which the shards gather); a shard's search may visit more of them than the single run, since
            // its first pass sees NaN for other shards' values.
            var wasted = plain.Select(id =>
            {
                long shardRows = first.Sum(table => Rows(table, id));
                var (merge, alone) = (firstStores[id], singleStores[id]);
                return shardRows + merge.ComputedReplicates == alone.ComputedReplicates && merge.ComputedValues == 0
                    ? null
                    : $"{id}: shards {shardRows} rows + merge {merge.ComputedReplicates} rows and {merge.ComputedValues} exact units, single run {alone.ComputedReplicates} rows";
            }).OfType<string>().ToList();
            Assert.True(wasted.Count == 0, $"{firstWhere}: shards and merge did not split the single run's work: {string.Join("; ", wasted)}");
            AssertSameBody(single, firstMerged, firstWhere);
        }
    }

    // Shards 1..count gathered through `looks`; every unit is owned by exactly one shard, so no replicate row is held twice.
    private static MeasurementTable[] Shards(IReadOnlyList<IClaim> claims, CheckOptions options, int count, MeasurementTable known, ShardLooks looks,
        CancellationToken cancellation)
    {
        var shards = Enumerable.Range(1, count).Select(index =>
        {
            var run = ClaimRunner.Gather(claims, options, new ShardAssignment(index, count), cancellation, known: known, looks: looks);
            Assert.True(run.Discarded.Count == 0, $"shard {index}/{count} ({looks} looks): claims stopped on stand-ins: {string.Join("; ", run.Discarded)}");
            return run.Table;
        }).ToArray();
        var everyShard = new MeasurementTable();
        foreach (var table in shards) everyShard.Add(table);
        Assert.Equal(everyShard.ReplicateCount, shards.Sum(table => table.ReplicateCount));
        return shards;
    }

    // The staged run served by the shards joined in a shuffled order: (order, report.json body, each claim's store).
    private static (int[] Order, string Body, Dictionary<string, MeasurementStore> Stores) Merge(IReadOnlyList<IClaim> claims, CheckOptions options,
        MeasurementTable[] shards, Random random, CancellationToken cancellation)
    {
        var order = Enumerable.Range(0, shards.Length).OrderBy(_ => random.Next()).ToArray();
        var joined = new MeasurementTable();
        foreach (int index in order) joined.Add(shards[index]);
        var stores = new Dictionary<string, MeasurementStore>();
        string body = Body(ClaimRunner.Run(claims, options, cancellation,
            measurements: claim => stores[claim.Id] = MeasurementStore.Serving(joined, shards.Length)), claims);
        return (order, body, stores);
    }

    private void Report(string where, Dictionary<string, MeasurementStore> stores) =>
        output.WriteLine($"{where}: merge computed {stores.Values.Sum(store => store.ComputedReplicates)} rows, {stores.Values.Sum(store => store.ComputedValues)} values");

    private static void AssertSameBody(string single, string merged, string where)
    {
        string? difference = TextDifference.First(single, merged);
        Assert.True(difference is null, $"{where}: merged report.json body differs from the single run's: {difference} (master seed {TestSeeds.MasterSeed})");
    }

    // A claim's units carry its id as the first part of their keys.
    private static long Rows(MeasurementTable table, string id) =>
        table.ReplicateKeys.Where(key => key.StartsWith(id + "|", StringComparison.Ordinal))
            .Sum(key => table.Runs(key).Sum(run => (long)run.Rows.Length));

    private static string Body(CheckRun run, IReadOnlyList<IClaim> claims) =>
        ReportJson.Body(ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UnixEpoch, "test"));
}
