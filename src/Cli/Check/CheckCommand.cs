using System.CommandLine;
using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Cli.Shards;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// <c>localsgd-verify check [--claim ID...] [--profile quick|ci|full] [--seed S] [--alpha A] [--threads K]
/// [--out DIR] [--format table|json] [--strict] [--shard K/N|auto [--shard-count N] [--shard-looks K|all]]</c>: runs claims and prints id,
/// verdict, measured, predicted, margin, replicates used and replicates needed, writes the bound-check report into
/// --out, and ends the table with the command's wall time against the profile's budget (<see cref="CheckWallTime"/>).
/// With --shard it computes shard K of N of the run's units into a shard file in --out instead
/// (<see cref="CheckShardRun"/>; <c>merge</c> joins the shards into the report). Exit codes: 0 nothing failed, 1 a
/// claim failed (or, with --strict, was inconclusive), 2 bad usage, 130 stopped by Ctrl-C and 143 by SIGTERM (the
/// report is written, marked incomplete; a shard writes nothing).
/// </summary>
public sealed class CheckCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "check";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var claimOption = new Option<string[]>("--claim") { Description = "Claim id or paper prefix (repeatable); default: the whole catalog.", HelpName = "ID", AllowMultipleArgumentsPerToken = true };
        var profileOption = new Option<string?>("--profile") { Description = "quick (< 1 min), ci (< 5 min, default) or full (paper scale).", HelpName = "quick|ci|full" };
        var seedOption = new Option<string?>("--seed") { Description = $"Master seed (default {CheckRequest.DefaultSeed}); each claim derives its own from it.", HelpName = "S" };
        var alphaOption = new Option<string?>("--alpha") { Description = "Total false-fail rate of the run, split over every statistical assertion (default 1e-4).", HelpName = "A" };
        var threadsOption = new Option<string?>("--threads") { Description = "Worker threads; 0 (default) = one per core. Never changes the result.", HelpName = "K" };
        var outOption = new Option<string?>("--out") { Description = $"Report folder (default {CheckRequest.DefaultOutputDirectory}).", HelpName = "DIR" };
        var noReportOption = new Option<bool>("--no-report") { Description = "Do not write a report folder." };
        var formatOption = new Option<string?>("--format") { Description = "table (default) or json (the report.json document) on stdout.", HelpName = "table|json" };
        var strictOption = new Option<bool>("--strict") { Description = "Treat inconclusive claims as failures (exit 1)." };
        var shardOption = new Option<string?>("--shard") { Description = "Compute only shard K of N (1 <= K <= N) into a shard file in --out, for `merge`; auto reads K and N from Slurm, a Kubernetes Indexed Job or LOCALSGD_SHARD_INDEX/COUNT.", HelpName = "K/N|auto" };
        var shardCountOption = new Option<string?>("--shard-count") { Description = "N for --shard auto in a Kubernetes Indexed Job (the Job's completions).", HelpName = "N" };
        var shardLooksOption = new Option<string?>("--shard-looks") { Description = "With --shard: gather each claim through its first K looks (default 1) or all; the merge computes the looks a claim reaches beyond them.", HelpName = "K|all" };
        var command = new Command(Name, "Check the papers' claims and write a bound-check report.")
        {
            claimOption, profileOption, seedOption, alphaOption, threadsOption, outOption, noReportOption, formatOption, strictOption, shardOption, shardCountOption, shardLooksOption,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            CheckRequest request;
            ConsoleStyle style;
            try
            {
                style = ConsoleStyle.Resolve(parseResult, environment, output, error);
                var shard = ShardOption.Parse(parseResult.GetValue(shardOption), parseResult.GetValue(shardCountOption), environment.Variable);
                if (shard is not null) CheckShardRun.RequireShardFlags(parseResult.GetValue(noReportOption), parseResult.GetValue(formatOption), parseResult.GetValue(strictOption));
                var shardLooks = CheckShardRun.ParseShardLooks(parseResult.GetValue(shardLooksOption), shard is not null);
                request = new CheckRequest(
                    parseResult.GetValue(claimOption) ?? [],
                    ParseProfile(parseResult.GetValue(profileOption)),
                    FlagValues.UnsignedInteger("--seed", parseResult.GetValue(seedOption)) ?? CheckRequest.DefaultSeed,
                    ParseAlpha(parseResult.GetValue(alphaOption)),
                    FlagValues.Integer("--threads", parseResult.GetValue(threadsOption), 0, "0 = one per core") ?? 0,
                    parseResult.GetValue(noReportOption) ? null
                        : parseResult.GetValue(outOption) ?? (shard is null ? CheckRequest.DefaultOutputDirectory : CheckShardRun.DefaultOutputDirectory),
                    FlagValues.Choice("--format", parseResult.GetValue(formatOption), ["table", "json"], "table"),
                    parseResult.GetValue(strictOption), shard, shardLooks);
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(request, output, error, style: style);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr, coloured as <paramref name="style"/> says (plain when null).</summary>
    public static int Execute(CheckRequest request, TextWriter output, TextWriter error, CancellationToken cancellation = default, ConsoleStyle? style = null)
    {
        if (request.Shard is not null) return CheckShardRun.Execute(request, output, error, cancellation, style);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<IClaim> claims;
        try
        {
            claims = ClaimCatalog.Select(request.Claims);
            if (request.OutputDirectory is string folder) ReportFolderOutput.CheckTarget(folder);
        }
        catch (Exception bad) when (bad is ArgumentException or CommandLineException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }

        CheckRun run;
        int stoppedExitCode;
        using (var interrupt = new ConsoleInterrupt(error, cancellation, "stopping after the current claim..."))
        {
            var options = new CheckOptions(request.Profile, request.Seed, request.Alpha, request.Threads);
            run = CheckProgress.Run(claims, error, reporter => ClaimRunner.Run(claims, options, interrupt.Token,
                reporter.Progress, result => reporter.Done(result.Id, CheckProgress.Outcome(result.Verdict))), style);
            stoppedExitCode = interrupt.ExitCode;
        }

        if (CheckReportOutput.Write(run, claims, request.Format, request.OutputDirectory, clock, output, error, style) is int failedWrite) return failedWrite;
        if (run.Incomplete)
        {
            error.WriteLine($"stopped: finished {ReportText.Count(run.Results.Count, "claim")} ({string.Join(", ", run.Results.Select(r => r.Id))}); not finished: {string.Join(", ", run.NotFinished)}");
            return stoppedExitCode;
        }
        return CheckReportOutput.ExitCode(run, request.Strict);
    }

    /// <summary>The profile of --profile (ci when not given).</summary>
    public static Profile ParseProfile(string? text) => FlagValues.Choice("--profile", text, ["quick", "ci", "full"], "ci") switch
    {
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        _ => Profile.Ci,
    };

    /// <summary>α of --alpha (1e-4 when not given).</summary>
    public static double ParseAlpha(string? text)
    {
        if (text is null) return ErrorBudget.DefaultTotalFalseFailRate;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha) && alpha > 0 && alpha < 1) return alpha;
        throw new CommandLineException($"--alpha = {text} is not allowed: expected a number in (0, 1), e.g. 1e-4.");
    }
}
