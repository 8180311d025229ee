using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using Spectre.Console;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// Progress of a run over claims (check, a shard, a merge): a Spectre.Console bar per claim on an interactive
/// terminal, plain lines on stderr otherwise, so piped stdout stays clean and a batch log (a Slurm task's output)
/// shows how far a long run got: one line per finished claim ("[3/15] spiridonoff.S2: pass in 12.3 s") and, for a
/// claim that runs long, a line at most every <see cref="LineInterval"/> ("  haddadpour.H2: 40 % after 60.1 s").
/// The bars are at most <see cref="Width"/> columns wide and are cleared when the run ends, so the terminal keeps only
/// the table and its summary line; outcome words are coloured when <see cref="ConsoleStyle"/> allows it on stderr.
/// </summary>
public static class CheckProgress
{
    /// <summary>How often a claim still running prints a progress line in a log.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(30);

    /// <summary>The widest the bars are drawn, whatever the terminal's width (the table's width too).</summary>
    public const int Width = LocalSgdVerify.Reports.Rendering.CheckTableWriter.Width;

    /// <summary>What a run reports: (claim id, fraction done) updates, and (claim id, outcome word) when a claim ends.</summary>
    public sealed record Reporter(Action<string, double> Progress, Action<string, string> Done);

    /// <summary>True when progress bars can be drawn (stderr is a terminal and this is the real console).</summary>
    public static bool Interactive(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="run"/> with bars on a terminal, else with lines on <paramref name="error"/>.</summary>
    public static T Run<T>(IReadOnlyList<IClaim> claims, TextWriter error, Func<Reporter, T> run, ConsoleStyle? style = null) =>
        Interactive(error) ? RunWithBars(claims, run, style?.Error ?? false) : RunWithLines(claims, error, run, style?.ErrorVerdicts);

    /// <summary>The outcome word of a claim's verdict in a progress line.</summary>
    public static string Outcome(Verdict verdict) => VerdictText.Flagged(verdict);

    /// <summary>Runs with a bar per claim (in colour when <paramref name="colour"/>), cleared at the end.</summary>
    public static T RunWithBars<T>(IReadOnlyList<IClaim> claims, Func<Reporter, T> run, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(run);
        T result = default!;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = Math.Min(console.Profile.Width, Width);
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = claims.ToDictionary(c => c.Id, c => context.AddTask(Markup.Escape(c.Id), autoStart: false, maxValue: 1));
                result = run(new Reporter(
                    (id, fraction) => { var task = tasks[id]; if (!task.IsStarted) task.StartTask(); task.Value = fraction; },
                    (id, outcome) => tasks[id].Description = $"{Markup.Escape(id)} [{ConsoleStyle.MarkupColour(outcome)}]{Markup.Escape(outcome)}[/]"));
            });
        return result;
    }

    /// <summary>Runs with lines on <paramref name="error"/>; <paramref name="paintOutcome"/>, if given, colours the outcome word.</summary>
    public static T RunWithLines<T>(IReadOnlyList<IClaim> claims, TextWriter error, Func<Reporter, T> run, Func<string, string>? paintOutcome = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);
        int done = 0;
        var gate = new Lock();
        // A claim's time runs from the end of the previous one, as a log reader counts it.
        var claimClock = Stopwatch.StartNew();
        var lastLine = TimeSpan.Zero;
        return run(new Reporter(
            (id, fraction) =>
            {
                lock (gate)
                {
                    if (fraction >= 1 || claimClock.Elapsed - lastLine < LineInterval) return;
                    lastLine = claimClock.Elapsed;
                    error.WriteLine($"  {id}: {(fraction * 100).ToString("0", CultureInfo.InvariantCulture)} % after {Seconds(claimClock.Elapsed)} s");
                }
            },
            (id, outcome) =>
            {
                lock (gate)
                {
                    done++;
                    error.WriteLine($"[{done}/{claims.Count}] {id}: {paintOutcome?.Invoke(outcome) ?? outcome} in {Seconds(claimClock.Elapsed)} s");
                    claimClock.Restart();
                    lastLine = TimeSpan.Zero;
                }
            }));
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
