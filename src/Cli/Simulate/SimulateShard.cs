using LocalSgdVerify.Reports.Output;
using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Cli.Shards;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Reports.Simulation;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Simulate;

/// <summary>
/// <c>simulate --shard K/N --out DIR</c> and its merge. A shard simulates the blocks of the scenario's replicates it
/// owns (<see cref="ShardAssignment"/>, key (scenario's configuration fingerprint, seed)) and writes them, with the
/// scenario as run and the simulator's kernel, to <c>DIR/shard-K-of-N.lsgd-shard</c>; a block that diverges is
/// recorded as its lowest diverging replicate. The merge assembles the rows into the result <c>simulate</c> prints
/// for the same scenario (every field but timing identical), or reports the lowest divergence over all shards, which
/// is the one a single run reports.
/// </summary>
public static class SimulateShard
{
    private const string KernelNote = "kernel";
    private const string DivergenceNote = "divergence";
    private const string SourceNote = "source";

    /// <summary>The measurement key of a scenario's replicates.</summary>
    public static string Key(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return string.Create(CultureInfo.InvariantCulture, $"simulate|{ConfigurationFingerprint.Of(scenario.Configuration)}|{scenario.Seed}");
    }

    /// <summary>The identity shards of this scenario record.</summary>
    public static RunIdentity Identity(Scenario scenario, bool exact, int shardCount) =>
        new(RunIdentity.SimulateCommand, SuiteIdentity.Version, shardCount, Seed: scenario.Seed,
            Scenario: ScenarioWriter.ToJson(scenario with { Source = null }), Exact: exact);

    /// <summary>Runs shard <paramref name="shard"/> of the scenario and writes its file into <paramref name="folder"/>.</summary>
    public static int Execute(Scenario scenario, bool exact, int threads, ShardAssignment shard, string folder, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(output);
        try { ShardFileOutput.CheckTarget(folder, shard); }
        catch (CommandLineException bad) { error.WriteLine(bad.Message); return ExitCodes.BadInput; }

        var clock = Stopwatch.StartNew();
        var configuration = scenario.Configuration;
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scenario.Source is string source) notes[SourceNote] = source;
        DivergenceException? lowest = null;
        var store = MeasurementStore.Gathering(shard);
        store.Replicates(Key(scenario), scenario.Replicates, (first, count) =>
        {
            try
            {
                var result = MonteCarloSimulator.Run(configuration, scenario.ToSimulationOptions(threads) with { Replicates = count, FirstReplicate = first });
                notes[KernelNote] = result.KernelName;
                return SimulationRows.From(result);
            }
            catch (DivergenceException divergence)
            {
                // The rows of a diverged block are never used: the merge reports the lowest divergence instead.
                if (lowest is null || divergence.Replicate < lowest.Replicate) lowest = divergence;
                return Enumerable.Range(0, count).Select(_ => Enumerable.Repeat(double.NaN, SimulationRows.Width(configuration)).ToArray()).ToArray();
            }
        });
        if (lowest is not null)
            notes[DivergenceNote] = string.Create(CultureInfo.InvariantCulture, $"{lowest.Step} {lowest.Replicate} {lowest.Worker} {BitConverter.DoubleToInt64Bits(lowest.Value)}");

        var file = new ShardFile(Identity(scenario, exact, shard.Count), shard.Index, store.Table, notes);
        string path;
        try { path = ShardFileOutput.Write(folder, file); }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or CommandLineException)
        {
            error.WriteLine(failure is CommandLineException ? failure.Message : $"--out = {folder} could not be written: {failure.Message}");
            return ExitCodes.BadInput;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shard {shard}: {store.Table.ReplicateCount:N0} of {ReportText.CountThousands(scenario.Replicates, "replicate")} in {clock.Elapsed.TotalSeconds:0.0} s{(lowest is null ? "" : $"; {lowest.Message}")}"));
        output.WriteLine($"shard file written to {path}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Merges simulate shards: writes what <c>simulate</c> writes for the scenario (table or JSON, to
    /// <paramref name="outputPath"/> or stdout), or the divergence with exit 1.
    /// </summary>
    public static int Merge(ShardSet set, string format, string? outputPath, int threads, CliEnvironment environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(environment);
        var clock = Stopwatch.StartNew();
        Scenario scenario;
        try
        {
            scenario = new ScenarioReader(environment.Problems).Read(set.Identity.Scenario ?? "", "the shards' scenario");
            if (outputPath is not null) OutputFile.Prepare(outputPath, "--out");
        }
        catch (Exception bad) when (bad is ScenarioException or CommandLineException or OutputTargetException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }
        var notes = set.Shards.Select(shard => shard.File.Notes).ToList();
        scenario = scenario with { Source = notes.Select(n => n.GetValueOrDefault(SourceNote)).FirstOrDefault(s => s is not null) };

        var divergence = notes.Select(n => n.GetValueOrDefault(DivergenceNote)).OfType<string>().Select(ParseDivergence).MinBy(d => d.Replicate);
        if (divergence is not null)
        {
            error.WriteLine(divergence.Message);
            if (format == "json") Emit(outputPath, output, SimulationJsonWriter.WriteDivergence(scenario, divergence, environment.Problems));
            return ExitCodes.Finding;
        }

        var configuration = scenario.Configuration;
        var store = MeasurementStore.Serving(set.Table, set.Identity.ShardCount, set.Complete ? null : set.Present);
        double[][] rows;
        try
        {
            rows = store.Replicates(Key(scenario), scenario.Replicates, (first, count) =>
                SimulationRows.From(MonteCarloSimulator.Run(configuration, scenario.ToSimulationOptions(threads) with { Replicates = count, FirstReplicate = first })));
        }
        catch (MeasurementUnavailableException missing)
        {
            error.WriteLine($"a simulation needs every replicate: shard {missing.Owner} is missing, so a partial merge has no result to write; rerun it");
            return ExitCodes.BadInput;
        }
        string kernel = notes.Select(n => n.GetValueOrDefault(KernelNote)).FirstOrDefault(k => k is not null) ?? "measurement store";
        var result = SimulationRows.ToResult(configuration, rows, scenario.Seed, threads, scenario.ConfidenceLevel) with { KernelName = kernel };
        var exact = set.Identity.Exact == true ? SimulateCommand.ComputeExact(configuration, environment.ExactEngine) : null;
        var report = new SimulationReport(scenario, result, exact, new RunTiming(clock.Elapsed.TotalSeconds, threads > 0 ? threads : Environment.ProcessorCount));
        string text = format == "json" ? SimulationJsonWriter.Write(report, environment.Problems) : SimulationTableWriter.Write(report, environment.Problems);
        try { Emit(outputPath, output, text); }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"--out = {outputPath} could not be written: {failure.Message}");
            return ExitCodes.BadInput;
        }
        if (store.ComputedReplicates > 0) error.WriteLine($"note: the merge simulated {ReportText.CountThousands(store.ComputedReplicates, "replicate")} no shard held");
        return ExitCodes.Success;
    }

    private static DivergenceException ParseDivergence(string text)
    {
        var parts = text.Split(' ');
        return new DivergenceException(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture), BitConverter.Int64BitsToDouble(long.Parse(parts[3], CultureInfo.InvariantCulture)));
    }

    private static void Emit(string? path, TextWriter output, string text)
    {
        if (path is not null) OutputFile.Write(path, text);
        else output.Write(text);
    }
}
