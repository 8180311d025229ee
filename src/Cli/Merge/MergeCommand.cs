using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Cli.Check;
using LocalSgdVerify.Cli.Simulate;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Merge;

/// <summary>
/// <c>localsgd-verify merge SHARD_DIR... [--out DIR] [--partial] [--format table|json] [--threads K] [--strict]</c>:
/// joins the shard files of one sharded run into what the single-process run writes. Shards of <c>check</c> give the
/// report folder (report.json's body identical to the unsharded run's, for any shard count and any order of the
/// folders): the ordinary staged runner runs with a store that serves the shards' units. Shards of <c>simulate</c> give
/// the simulation's table or JSON (to --out as a file, or stdout). Missing, duplicated or foreign shards are one message
/// naming them and exit 2; <c>--partial</c> merges a subset on purpose, and the claims whose units are missing are then
/// listed as not finished in a report marked incomplete. Exit codes as <c>check</c>: 0, 1 a claim failed (with
/// --strict also inconclusive or not finished), 2 bad input or shard set, 130 Ctrl-C.
/// </summary>
public sealed class MergeCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "merge";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var foldersArgument = new Argument<string[]>("SHARD_DIR") { Description = "Folders the shards wrote into (or shard files), in any order.", Arity = ArgumentArity.OneOrMore };
        var outOption = new Option<string?>("--out") { Description = $"check shards: the report folder (default {CheckRequest.DefaultOutputDirectory}); simulate shards: the output file (default stdout).", HelpName = "DIR" };
        var partialOption = new Option<bool>("--partial") { Description = "Merge a set with missing shards on purpose: claims that need them are listed as not finished and the report is marked incomplete." };
        var formatOption = new Option<string?>("--format") { Description = "table (default) or json, as check or simulate prints it.", HelpName = "table|json" };
        var threadsOption = new Option<string?>("--threads") { Description = "Worker threads for any unit no shard holds; 0 (default) = one per core. Never changes the result.", HelpName = "K" };
        var strictOption = new Option<bool>("--strict") { Description = "Treat inconclusive or not finished claims as failures (exit 1)." };
        var command = new Command(Name, "Merge the shard files of a sharded check or simulate run into its report.")
        {
            foldersArgument, outOption, partialOption, formatOption, threadsOption, strictOption,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            MergeRequest request;
            ConsoleStyle style;
            try
            {
                style = ConsoleStyle.Resolve(parseResult, environment, output, error);
                request = new MergeRequest(parseResult.GetValue(foldersArgument) ?? [], parseResult.GetValue(outOption),
                    parseResult.GetValue(partialOption), FlagValues.Choice("--format", parseResult.GetValue(formatOption), ["table", "json"], "table"),
                    FlagValues.Integer("--threads", parseResult.GetValue(threadsOption), 0, "0 = one per core") ?? 0, parseResult.GetValue(strictOption));
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(request, environment, output, error, style: style);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr, coloured as <paramref name="style"/> says (plain when null).</summary>
    public static int Execute(MergeRequest request, CliEnvironment environment, TextWriter output, TextWriter error, CancellationToken cancellation = default, ConsoleStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        var clock = Stopwatch.StartNew();
        ShardSet set;
        try { set = ShardSet.Load(request.Folders, request.Partial); }
        catch (ShardSetException bad)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"merging {set.Shards.Count} of {ReportText.Count(set.Identity.ShardCount, "shard")} ({ReportText.CountThousands(set.Table.ReplicateCount, "replicate row")}, {ReportText.Count(set.Table.ValueKeys.Count, "exact unit")}) read in {clock.Elapsed.TotalSeconds:0.0} s"));
        if (!set.Complete) error.WriteLine($"partial merge: shards {string.Join(", ", set.Missing)} are missing");
        return set.Identity.Command switch
        {
            RunIdentity.CheckCommand => MergeCheck(set, request, clock, output, error, cancellation, style),
            RunIdentity.SimulateCommand => SimulateShard.Merge(set, request.Format, request.Output, request.Threads, environment, output, error),
            string other => Refuse(error, $"the shards are of a '{other}' run, which merge does not know"),
        };
    }

    private static int MergeCheck(ShardSet set, MergeRequest request, Stopwatch clock, TextWriter output, TextWriter error, CancellationToken cancellation, ConsoleStyle? style)
    {
        var identity = set.Identity;
        string folder = request.Output ?? CheckRequest.DefaultOutputDirectory;
        IReadOnlyList<IClaim> claims;
        CheckOptions options;
        try
        {
            claims = ClaimCatalog.Select(identity.Claims ?? []);
            var unknown = (identity.Claims ?? []).Except(claims.Select(claim => claim.Id)).ToList();
            if (unknown.Count > 0 || claims.Count != (identity.Claims ?? []).Count)
                return Refuse(error, $"the shards name claims this build does not have: {string.Join(", ", unknown)}");
            options = new CheckOptions(CheckCommand.ParseProfile(identity.Profile), identity.Seed ?? CheckRequest.DefaultSeed,
                identity.Alpha ?? LocalSgdVerify.Checks.Statistics.ErrorBudget.DefaultTotalFalseFailRate, request.Threads);
            ReportFolderOutput.CheckTarget(folder);
        }
        catch (Exception bad) when (bad is ArgumentException or CommandLineException)
        {
            return Refuse(error, bad.Message);
        }

        var store = MeasurementStore.Serving(set.Table, identity.ShardCount, set.Complete ? null : set.Present);
        CheckRun run;
        using (var interrupt = new ConsoleInterrupt(error, cancellation, "stopping after the current claim (Ctrl-C)..."))
        {
            run = CheckProgress.Run(claims, error, reporter => ClaimRunner.Run(claims, options, interrupt.Token,
                reporter.Progress, result => reporter.Done(result.Id, CheckProgress.Outcome(result.Verdict)), _ => store), style);
        }
        if (CheckReportOutput.Write(run, claims, request.Format, folder, clock, output, error, style) is int failedWrite) return failedWrite;
        if (store.ComputedReplicates > 0 || store.ComputedValues > 0)
            error.WriteLine($"note: the merge computed {ReportText.CountThousands(store.ComputedReplicates, "replicate row")} and {ReportText.Count(store.ComputedValues, "exact unit")} that no shard held{GatheredLooks(set)}");
        if (cancellation.IsCancellationRequested)
        {
            error.WriteLine($"stopped: not finished: {string.Join(", ", run.NotFinished)}");
            return ExitCodes.Interrupted;
        }
        if (run.Incomplete) error.WriteLine($"incomplete: shards {string.Join(", ", set.Missing)} are missing, so these claims are not finished: {string.Join(", ", run.NotFinished)}");
        return CheckReportOutput.ExitCode(run, request.Strict);
    }

    // Why a merge computes: the shards gathered only the first looks (the claims undecided there went on here), or an
    // existence search visited configurations no shard did.
    private static string GatheredLooks(ShardSet set)
    {
        var looks = set.Shards.Select(shard => shard.File.Notes.GetValueOrDefault(CheckShardRun.LooksNote)).OfType<string>().Distinct().ToList();
        return looks.Count == 1 && looks[0] != "all"
            ? $" (the shards gathered each claim through look {looks[0]}; the claims undecided there went on here)"
            : "";
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}

/// <summary>The flags of one <c>merge</c> invocation.</summary>
/// <param name="Folders">The shard folders (or files).</param>
/// <param name="Output">--out: the report folder (check) or output file (simulate), or null for the default.</param>
/// <param name="Partial">--partial: accept missing shards.</param>
/// <param name="Format">--format: table or json.</param>
/// <param name="Threads">--threads (0 = one per core).</param>
/// <param name="Strict">--strict: inconclusive or not finished claims fail the run.</param>
public sealed record MergeRequest(IReadOnlyList<string> Folders, string? Output, bool Partial, string Format, int Threads, bool Strict);
