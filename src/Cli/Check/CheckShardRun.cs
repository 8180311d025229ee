using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;
using LocalSgdVerify.Cli.Shards;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// <c>check --shard K/N --out DIR</c>: evaluates every selected claim once with a gathering store
/// (<see cref="ClaimRunner.Gather"/>) through the looks --shard-looks names (default the first), so this process
/// computes shard K's blocks of every Monte Carlo experiment up to those looks and its exact units, and writes them with the run's identity to
/// <c>DIR/shard-K-of-N.lsgd-shard</c> (<see cref="ShardFileOutput"/>). No report is written: <c>merge</c> makes it.
/// Stopped by Ctrl-C, it writes nothing and exits 130; a rerun of the same index replaces only its own file.
/// </summary>
public static class CheckShardRun
{
    /// <summary>Where shard files go when --out is not given.</summary>
    public const string DefaultOutputDirectory = "reports/shards";

    /// <summary>Throws when a flag that only makes sense for a whole run is combined with --shard.</summary>
    public static void RequireShardFlags(bool noReport, string? format, bool strict)
    {
        if (noReport) throw new CommandLineException("--no-report is not allowed with --shard: a shard run writes only its shard file (into --out).");
        if (format is not null) throw new CommandLineException($"--format = {format} is not allowed with --shard: a shard run prints no report; `merge` does.");
        if (strict) throw new CommandLineException("--strict is not allowed with --shard: a shard run decides no verdict; give it to `merge`.");
    }

    /// <summary>The note key under which a check shard file records its --shard-looks.</summary>
    public const string LooksNote = "shard-looks";

    /// <summary>
    /// The --shard-looks value: a whole number K ≥ 1 or "all"; the first look when not given. Null without --shard,
    /// where the flag is refused.
    /// </summary>
    public static ShardLooks? ParseShardLooks(string? text, bool sharded)
    {
        if (!sharded)
        {
            if (text is not null) throw new CommandLineException($"--shard-looks = {text} is not allowed without --shard: it says how far a shard gathers each claim's looks.");
            return null;
        }
        if (text is null) return ShardLooks.First;
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return ShardLooks.All;
        return ShardLooks.FirstLooks(FlagValues.Integer("--shard-looks", text, 1, "or all")!.Value);
    }

    /// <summary>The identity shards of this run record (and a merge compares).</summary>
    public static RunIdentity Identity(CheckRequest request, IReadOnlyList<IClaim> claims, int shardCount) =>
        new(RunIdentity.CheckCommand, SuiteIdentity.Version, shardCount, ReportDocumentBuilder.ProfileName(request.Profile), request.Seed, request.Alpha,
            claims.Select(claim => claim.Id).ToArray());

    /// <summary>Runs the shard; the writers stand for stdout and stderr (progress coloured as <paramref name="style"/> says).</summary>
    public static int Execute(CheckRequest request, TextWriter output, TextWriter error, CancellationToken cancellation = default, ConsoleStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shard = request.Shard ?? throw new ArgumentException("the request names no shard", nameof(request));
        string folder = request.OutputDirectory ?? DefaultOutputDirectory;
        IReadOnlyList<IClaim> claims;
        try
        {
            claims = ClaimCatalog.Select(request.Claims);
            ShardFileOutput.CheckTarget(folder, shard);
        }
        catch (Exception bad) when (bad is ArgumentException or CommandLineException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        GatherRun run;
        using (var interrupt = new ConsoleInterrupt(error, cancellation, "stopping (Ctrl-C): this shard writes no file..."))
        {
            var options = new CheckOptions(request.Profile, request.Seed, request.Alpha, request.Threads);
            var looks = request.ShardLooks ?? ShardLooks.First;
            try
            {
                run = CheckProgress.Run(claims, error, reporter => ClaimRunner.Gather(claims, options, shard, interrupt.Token,
                    reporter.Progress, id => reporter.Done(id, "measured"), looks: looks), style);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine($"stopped: shard {shard} wrote no file; rerun it to complete the set");
                return ExitCodes.Interrupted;
            }
        }

        // A claim that stopped on stand-ins may not have asked for all of its units; the merge computes whatever no shard
        // holds, so the report is still right, only slower to merge.
        foreach (var (id, reason) in run.SecondPass)
            error.WriteLine($"note: {id} could not go on with NaN for other shards' exact units ({reason}); it was evaluated again with them computed, so this shard paid for its whole exact work");
        foreach (var (id, rows) in run.StandInRows)
            error.WriteLine($"note: {id}: {rows} replicate rows computed only as stand-ins (experiments with none of their blocks on this shard)");
        foreach (var (id, reason) in run.Discarded)
            error.WriteLine($"note: {id} stopped on the stand-ins for other shards' units ({reason}); the merge computes any of its units this shard did not reach");
        var file = new ShardFile(Identity(request, claims, shard.Count), shard.Index, run.Table,
            new Dictionary<string, string> { [LooksNote] = (request.ShardLooks ?? ShardLooks.First).ToString() });
        string path;
        try { path = ShardFileOutput.Write(folder, file); }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or CommandLineException)
        {
            error.WriteLine(failure is CommandLineException ? failure.Message : $"--out = {folder} could not be written: {failure.Message}");
            return ExitCodes.BadInput;
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shard {shard}: {ReportText.Count(claims.Count, "claim")}, {ReportText.CountThousands(run.Table.ReplicateCount, "replicate row")} and {ReportText.Count(run.Table.ValueKeys.Count, "exact unit")} in {clock.Elapsed.TotalSeconds:0.0} s wall, {cpuSeconds:0.0} s CPU"));
        output.WriteLine($"shard file written to {path}");
        return ExitCodes.Success;
    }
}
