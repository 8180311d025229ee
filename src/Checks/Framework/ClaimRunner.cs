using System.Diagnostics;
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

    /// <summary>Runs the claims; <paramref name="onProgress"/> gets (claim id, fraction) updates.</summary>
    public static CheckRun Run(IReadOnlyList<IClaim> claims, CheckOptions options, CancellationToken cancellation = default,
        Action<string, double>? onProgress = null, Action<ClaimResult>? onResult = null)
    {
        var budget = Budget(claims, options.Profile, options.Alpha);
        double share = AlphaPerAssertion(budget);
        var results = new List<ClaimResult>();
        var notFinished = new List<string>();
        var wall = new Dictionary<string, double>();
        foreach (var claim in claims)
        {
            if (cancellation.IsCancellationRequested) { notFinished.Add(claim.Id); continue; }
            var context = new ClaimContext(options.Profile, ClaimSeeds.For(options.MasterSeed, claim.Id), share,
                options.Threads > 0 ? options.Threads : Environment.ProcessorCount, cancellation,
                new Progress(fraction => onProgress?.Invoke(claim.Id, fraction))) { ClaimId = claim.Id };
            var clock = Stopwatch.StartNew();
            try
            {
                var result = claim.Evaluate(context);
                results.Add(result);
                onResult?.Invoke(result);
            }
            catch (OperationCanceledException)
            {
                notFinished.Add(claim.Id);
            }
            wall[claim.Id] = clock.Elapsed.TotalSeconds;
            onProgress?.Invoke(claim.Id, 1);
        }
        return new CheckRun(options, results, notFinished, budget.Count, share, wall);
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
