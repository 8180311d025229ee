using System.Diagnostics;
using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>Options of one `check` run.</summary>
public sealed record CheckOptions(Profile Profile, ulong MasterSeed, double Alpha = 1e-4, int Threads = 0);

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
/// Runs claims in catalog order with the run's total false-fail rate α split by Bonferroni across every
/// statistical assertion of every selected claim (each gets α/m, m counted from the claims' designs before
/// anything runs). Stops cleanly between claims when cancelled and lists what was not finished.
/// </summary>
public static class ClaimRunner
{
    /// <summary>Runs the claims; <paramref name="onProgress"/> gets (claim id, fraction) updates.</summary>
    public static CheckRun Run(IReadOnlyList<IClaim> claims, CheckOptions options, CancellationToken cancellation = default,
        Action<string, double>? onProgress = null, Action<ClaimResult>? onResult = null)
    {
        int assertions = claims.Sum(c => c.Design(options.Profile).Assertions);
        double share = assertions > 0 ? options.Alpha / assertions : options.Alpha;
        var results = new List<ClaimResult>();
        var notFinished = new List<string>();
        var wall = new Dictionary<string, double>();
        foreach (var claim in claims)
        {
            if (cancellation.IsCancellationRequested) { notFinished.Add(claim.Id); continue; }
            var context = new ClaimContext(options.Profile, ClaimSeeds.For(options.MasterSeed, claim.Id), share,
                options.Threads > 0 ? options.Threads : Environment.ProcessorCount, cancellation,
                new Progress(fraction => onProgress?.Invoke(claim.Id, fraction)));
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
        return new CheckRun(options, results, notFinished, assertions, share, wall);
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
