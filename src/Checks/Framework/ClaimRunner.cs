using System.Diagnostics;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;
using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>Options of one `check` run.</summary>
public sealed record CheckOptions(Profile Profile, ulong MasterSeed, double Alpha = ErrorBudget.DefaultTotalFalseFailRate, int Threads = 0);

/// <summary>
/// The outcome of a `check` run: the results in catalog order, the claims not finished (when stopped), and the
/// error budget as split. Wall times are kept apart from the deterministic body.
/// </summary>
public sealed record CheckRun(
    CheckOptions Options,
    IReadOnlyList<ClaimResult> Results,
    IReadOnlyList<string> NotFinished,
    int TotalAssertions,
    double AlphaPerAssertion,
    IReadOnlyDictionary<string, double> WallSeconds)
{
    /// <summary>True when the run was stopped before every claim finished.</summary>
    public bool Incomplete => NotFinished.Count > 0;
}

/// <summary>
/// What a shard run computed: the shard, the units it owns (what its shard file keeps), each claim's wall time, the
/// claims whose evaluation stopped even with every value computed (id → exception): a merge computes whatever such a
/// claim did not ask for, so a log shows them; and the claims evaluated a second time with other shards' exact units
/// computed (and not kept), because they could not go on with NaN stand-ins: those cost each shard their whole exact work.
/// </summary>
public sealed record GatherRun(ShardAssignment Shard, MeasurementTable Table, IReadOnlyDictionary<string, double> WallSeconds,
    IReadOnlyDictionary<string, string> Discarded)
{
    /// <summary>Claims evaluated again with other shards' exact units computed as stand-ins (id → why the first pass stopped).</summary>
    public IReadOnlyDictionary<string, string> SecondPass { get; init; } = new Dictionary<string, string>();

    /// <summary>Per claim, the replicate rows computed only as stand-ins (see <see cref="MeasurementStore.StandInRowsComputed"/>); claims with none are absent.</summary>
    public IReadOnlyDictionary<string, long> StandInRows { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// Runs claims in catalog order with the run's total false-fail rate α split by an <see cref="ErrorBudget"/> across
/// every statistical assertion of every selected claim (each gets its Bonferroni share α/m, m counted from the claims'
/// designs before anything runs). Stops cleanly between claims when cancelled and lists what was not finished.
/// </summary>
public static class ClaimRunner
{
    /// <summary>
    /// The error budget of a run: every statistical assertion of every claim, counted from the claim's design at the
    /// profile before anything runs, registered with weight 1.
    /// </summary>
    public static ErrorBudget Budget(IEnumerable<IClaim> claims, Profile profile, double alpha = ErrorBudget.DefaultTotalFalseFailRate)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var budget = new ErrorBudget(alpha);
        foreach (var claim in claims) budget.RegisterEach(claim.Id, claim.Design(profile).Assertions);
        return budget;
    }

    /// <summary>
    /// The false-fail rate of each statistical assertion of a run: the share the budget gives an assertion (all have
    /// weight 1, so all get α/m), or α whole when the run makes no statistical assertion and there is nothing to split.
    /// </summary>
    public static double AlphaPerAssertion(ErrorBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return budget.Count > 0 ? budget.Assertions[0].FalseFailRate : budget.TotalFalseFailRate;
    }

    /// <summary>
    /// Runs the claims in stages (<see cref="StagePlan"/>): each claim is evaluated at its looks in order, each look with
    /// its share of every assertion's α, until one decides it (pass or fail); "inconclusive" means the last look, at the
    /// profile's maximum, did not. The claim's store keeps what earlier looks measured, so a look computes only the new
    /// replicates. <paramref name="onProgress"/> gets (claim id, fraction) updates; <paramref name="measurements"/> gives
    /// a claim's store (default: a fresh caching store per claim; a merge passes the shards' serving store). A claim
    /// whose units a partial merge lacks is listed as not finished.
    /// </summary>
    public static CheckRun Run(IReadOnlyList<IClaim> claims, CheckOptions options, CancellationToken cancellation = default,
        Action<string, double>? onProgress = null, Action<ClaimResult>? onResult = null, Func<IClaim, IMeasurementStore>? measurements = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        var budget = Budget(claims, options.Profile, options.Alpha);
        double share = AlphaPerAssertion(budget);
        var results = new List<ClaimResult>();
        var notFinished = new List<string>();
        var wall = new Dictionary<string, double>();
        foreach (var claim in claims)
        {
            if (cancellation.IsCancellationRequested) { notFinished.Add(claim.Id); continue; }
            var clock = Stopwatch.StartNew();
            try
            {
                var result = Staged(claim, options, share, measurements?.Invoke(claim) ?? MeasurementStore.Caching(), cancellation,
                    fraction => onProgress?.Invoke(claim.Id, fraction));
                results.Add(result);
                onResult?.Invoke(result);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or MeasurementUnavailableException)
            {
                notFinished.Add(claim.Id);
            }
            wall[claim.Id] = clock.Elapsed.TotalSeconds;
            onProgress?.Invoke(claim.Id, 1);
        }
        return new CheckRun(options, results, notFinished, budget.Count, share, wall);
    }

    /// <summary>
    /// One claim in stages from <paramref name="store"/>: its looks in order until one decides it; the result records
    /// the replicates the deciding (or last) look used out of the maximum.
    /// </summary>
    public static ClaimResult Staged(IClaim claim, CheckOptions options, double alphaPerAssertion, IMeasurementStore store,
        CancellationToken cancellation = default, Action<double>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(options);
        var design = claim.Design(options.Profile);
        var plan = StagePlan.For(design);
        ClaimResult? result = null;
        int seen = 0;
        foreach (var stage in plan)
        {
            // Progress by replicates: the looks before this one covered `seen` of the design's maximum.
            int maximum = Math.Max(design.Replicates, 1), upTo = stage.Replicates(maximum);
            double from = seen / (double)maximum, width = (upTo - seen) / (double)maximum;
            var context = Context(claim, options, alphaPerAssertion * stage.AlphaFraction, store, cancellation,
                fraction => onProgress?.Invoke(plan.Count == 1 ? fraction : from + width * fraction)) with { Stage = stage };
            result = claim.Evaluate(context);
            result = result with { ReplicatesUsed = context.Tally.Used, ReplicatesMaximum = context.Tally.Maximum };
            if (result.Verdict != Verdict.Inconclusive) break;
            seen = upTo;
        }
        return result!;
    }

    /// <summary>
    /// A shard run: every claim evaluated at each of its looks that <paramref name="looks"/> takes (default all) with a
    /// gathering store for <paramref name="shard"/>, so the shard computes exactly its own blocks of every experiment up
    /// to the last look gathered (with all looks, the profile's maximum) and its own exact units, answering other
    /// shards' replicates with copies of its own rows and their values with NaN. A claim that stops on
    /// a NaN is evaluated once more with the values it does not own computed (and not kept), so it asks for everything.
    /// The claims' results are thrown away; the units computed are what the shard file keeps. <paramref name="known"/>:
    /// units this process already computed for the same run (see <see cref="MeasurementStore.Gathering"/>).
    /// </summary>
    public static GatherRun Gather(IReadOnlyList<IClaim> claims, CheckOptions options, ShardAssignment shard, CancellationToken cancellation = default,
        Action<string, double>? onProgress = null, Action<string>? onClaimDone = null, MeasurementTable? known = null, ShardLooks? looks = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shard);
        // The same α per look as the merge's staged run, so that searches whose path depends on verdicts ask for the same configurations.
        double share = AlphaPerAssertion(Budget(claims, options.Profile, options.Alpha));
        var table = new MeasurementTable();
        var wall = new Dictionary<string, double>();
        var discarded = new Dictionary<string, string>();
        var secondPass = new Dictionary<string, string>();
        var standInRows = new Dictionary<string, long>();
        foreach (var claim in claims)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var store = MeasurementStore.Gathering(shard, known);
            // Every look gathered, not only the last: a search over an assumption space (an existence search that stops
            // at its first witness, the shrinking of a witness or counterexample) asks for different configurations at
            // different looks, and the merge replays every look. The store keeps what a look computed, so the later
            // looks cost only their new units. Looks not gathered are computed by the merge if the claim reaches them.
            foreach (var look in (looks ?? ShardLooks.All).Of(StagePlan.For(claim.Design(options.Profile))))
            {
                // A claim that stops on the NaN it is given for other shards' values is evaluated again with those
                // values computed (its own replicates are kept, so only the values cost again), so that it asks for
                // all it needs.
                for (int attempt = 1; attempt <= 2; attempt++)
                {
                    store.ComputeValueStandIns = attempt == 2;
                    var context = Context(claim, options, share * look.AlphaFraction, store, cancellation, fraction => onProgress?.Invoke(claim.Id, fraction))
                        with { Stage = look, Gathering = true };
                    try
                    {
                        claim.Evaluate(context);
                        break;
                    }
                    catch (OperationCanceledException) { throw; }
                    catch (Exception onNaN) when (attempt == 1)
                    {
                        // Stopped on a NaN value stand-in: the second attempt computes them.
                        secondPass.TryAdd(claim.Id, $"{onNaN.GetType().Name}: {onNaN.Message}");
                    }
                    catch (Exception onStandIns) { discarded[claim.Id] = $"{onStandIns.GetType().Name}: {onStandIns.Message}"; }
                }
            }
            table.Add(store.Table);
            if (store.StandInRowsComputed > 0) standInRows[claim.Id] = store.StandInRowsComputed;
            wall[claim.Id] = clock.Elapsed.TotalSeconds;
            onProgress?.Invoke(claim.Id, 1);
            onClaimDone?.Invoke(claim.Id);
        }
        return new GatherRun(shard, table, wall, discarded) { SecondPass = secondPass, StandInRows = standInRows };
    }

    private static ClaimContext Context(IClaim claim, CheckOptions options, double alphaPerAssertion, IMeasurementStore store,
        CancellationToken cancellation, Action<double> onProgress) =>
        new(options.Profile, ClaimSeeds.For(options.MasterSeed, claim.Id), alphaPerAssertion,
            options.Threads > 0 ? options.Threads : Environment.ProcessorCount, cancellation, new Progress(onProgress))
        {
            ClaimId = claim.Id,
            Measurements = store,
        };

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
