using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using Spectre.Console;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// Progress of a check run: a Spectre.Console bar per claim on an interactive terminal, plain lines on stderr
/// otherwise ("[3/15] spiridonoff.S2: pass in 12.3 s"), so piped stdout stays clean.
/// </summary>
public static class CheckProgress
{
    /// <summary>True when progress bars can be drawn (stderr is a terminal and this is the real console).</summary>
    public static bool Interactive(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>Runs the claims with bars.</summary>
    public static CheckRun RunWithBars(IReadOnlyList<IClaim> claims, CheckOptions options, CancellationToken cancellation)
    {
        CheckRun? run = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = claims.ToDictionary(c => c.Id, c => context.AddTask(Markup.Escape(c.Id), autoStart: false, maxValue: 1));
                run = ClaimRunner.Run(claims, options, cancellation,
                    onProgress: (id, fraction) => { var task = tasks[id]; if (!task.IsStarted) task.StartTask(); task.Value = fraction; },
                    onResult: result => tasks[result.Id].Description = $"{Markup.Escape(result.Id)} [{Colour(result.Verdict)}]{LocalSgdVerify.Checks.Statistics.VerdictText.Name(result.Verdict)}[/]");
            });
        return run!;
    }

    /// <summary>Runs the claims with one line per finished claim on <paramref name="error"/>.</summary>
    public static CheckRun RunWithLines(IReadOnlyList<IClaim> claims, CheckOptions options, CancellationToken cancellation, TextWriter error)
    {
        int done = 0;
        var started = DateTime.UtcNow;
        return ClaimRunner.Run(claims, options, cancellation, onResult: result =>
        {
            done++;
            double seconds = (DateTime.UtcNow - started).TotalSeconds;
            started = DateTime.UtcNow;
            error.WriteLine($"[{done}/{claims.Count}] {result.Id}: {LocalSgdVerify.Checks.Statistics.VerdictText.Flagged(result.Verdict)} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        });
    }

    private static string Colour(LocalSgdVerify.Checks.Statistics.Verdict verdict) => verdict switch
    {
        LocalSgdVerify.Checks.Statistics.Verdict.Pass => "green",
        LocalSgdVerify.Checks.Statistics.Verdict.Fail => "red",
        _ => "yellow",
    };
}
