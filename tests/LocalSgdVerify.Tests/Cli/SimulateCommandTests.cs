using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Simulation;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary><c>simulate</c> run in-process: output fields, determinism, overrides, exit codes and file handling.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void JsonOutputIsValidAndReportsTheSimulatorsResult()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun run = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal("small-kink", root.GetProperty("scenario").GetProperty("name").GetString());
        JsonElement configuration = root.GetProperty("scenario").GetProperty("configuration");
        Assert.Equal("kink", configuration.GetProperty("problem").GetProperty("family").GetString());
        Assert.Equal(1.0, configuration.GetProperty("problem").GetProperty("curvature").GetDouble()); // the resolved default
        Assert.Equal(42UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(64, root.GetProperty("replicates").GetInt32());
        Assert.Equal("ScalarProblemKernel", root.GetProperty("kernel").GetString()); // the kink under a static schedule runs on the fused 1-D kernel
        // Log checkpoints, K = 3, T = 100: 1, 10, 100. Constant period 25: sync after 25, 50, 75, 100.
        Assert.Equal([1, 10, 100], root.GetProperty("checkpoints").EnumerateArray().Select(e => e.GetInt32()));
        JsonElement sync = root.GetProperty("sync_steps");
        Assert.False(sync.GetProperty("depends_on_run").GetBoolean());
        Assert.Equal(4, sync.GetProperty("rounds").GetInt32());
        Assert.Equal([25, 50, 75, 100], sync.GetProperty("steps").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(root.TryGetProperty("exact", out _));
        Assert.True(root.GetProperty("timing").GetProperty("wall_time_seconds").GetDouble() >= 0);

        // The numbers are the simulator's own, printed without loss.
        Scenario parsed = new ScenarioReader().ReadFile(scenario);
        SimulationResult expected = MonteCarloSimulator.Run(parsed.Configuration, parsed.ToSimulationOptions(1));
        JsonElement monteCarlo = root.GetProperty("monte_carlo");
        AssertStatistics(expected.FinalError, monteCarlo, "mean_error", "median_error");
        Assert.Equal(0.95, monteCarlo.GetProperty("ci_level").GetDouble());
        JsonElement[] perCheckpoint = monteCarlo.GetProperty("per_checkpoint").EnumerateArray().ToArray();
        Assert.Equal(3, perCheckpoint.Length);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(expected.Checkpoints[c], perCheckpoint[c].GetProperty("step").GetInt32());
            AssertStatistics(expected.ErrorStatistics[c], perCheckpoint[c], "mean_error", "median_error");
        }
        Assert.Empty(monteCarlo.GetProperty("observables").EnumerateObject());
    }

    [Fact]
    public void SameSeedGivesIdenticalJsonAndAnotherSeedDoesNot()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun first = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        CliRun second = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        CliRun other = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--seed", "43");
        Assert.Equal(first.DeterministicJson(), second.DeterministicJson());
        Assert.NotEqual(first.DeterministicJson().Replace("\"seed\":42", ""), other.DeterministicJson().Replace("\"seed\":43", ""));
    }

    [Fact]
    public void ThreadCountNeverChangesTheOutput()
    {
        // 64 replicates are four blocks of 16, so two threads really split the work.
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun one = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--threads", "1");
        CliRun two = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--threads", "2");
        Assert.Equal(ExitCodes.Success, one.ExitCode);
        Assert.Equal(one.DeterministicJson(), two.DeterministicJson());

        CliRun tableOne = CliRun.Of("simulate", "--scenario", scenario, "--threads", "1");
        CliRun tableTwo = CliRun.Of("simulate", "--scenario", scenario, "--threads", "2");
        Assert.Equal(WithoutWallTime(tableOne.Output), WithoutWallTime(tableTwo.Output));
    }

    [Fact]
    public void FlagsOverrideTheFilesSeedAndReplicates()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        var node = CliScenarios.Node(CliScenarios.Kink);
        node["seed"] = 9;
        node["replicates"] = 20;
        string rewritten = folder.Write("kink-9-20.json", node.ToJsonString());

        CliRun overridden = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--seed", "9", "--replicates", "20");
        CliRun inFile = CliRun.Of("simulate", "--scenario", rewritten, "--format", "json");
        using JsonDocument document = JsonDocument.Parse(overridden.Output);
        Assert.Equal(9UL, document.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(20, document.RootElement.GetProperty("replicates").GetInt32());
        Assert.Equal(inFile.DeterministicJson().Replace(rewritten, "FILE"), overridden.DeterministicJson().Replace(scenario, "FILE"));
    }

    [Fact]
    public void OutWritesTheFileAndNothingToStdout()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        string target = folder.NewPath("result.json");
        CliRun written = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--out", target);
        CliRun printed = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");

        Assert.Equal(ExitCodes.Success, written.ExitCode);
        Assert.Equal("", written.Output);
        var fromFile = new CliRun(0, File.ReadAllText(target), "");
        Assert.Equal(printed.DeterministicJson(), fromFile.DeterministicJson());
        // Only the target remains: the temporary file was renamed over it.
        Assert.Equal(new[] { "kink.json", Path.GetFileName(target) }.Order(StringComparer.Ordinal), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        // case, arguments after "simulate" (SCENARIO and MISSING are replaced by paths), expected start of stderr
        { "missing file", ["--scenario", "MISSING"], "scenario file '" },
        { "malformed json", ["--scenario", "MALFORMED"], "scenario file '" },
        { "unknown field", ["--scenario", "MISSPELT"], "unknown field 'peroid' in communication (did you mean 'period'?); known fields: kind, period." },
        { "zero replicates", ["--scenario", "SCENARIO", "--replicates", "0"], "--replicates = 0 is not allowed: expected an integer >= 1." },
        { "negative threads", ["--scenario", "SCENARIO", "--threads", "-1"], "--threads = -1 is not allowed: expected an integer >= 0 (0 = one per core)." },
        { "unknown format", ["--scenario", "SCENARIO", "--format", "xml"], "--format = xml is not allowed: expected one of table, json." },
        { "unknown flag", ["--scenario", "SCENARIO", "--peroid", "5"], "Unrecognized command or argument '--peroid'." },
        { "no scenario", [], "Option '--scenario' is required." },
        { "negative seed", ["--scenario", "SCENARIO", "--seed", "-5"], "--seed = -5 is not allowed: expected an integer in 0..18446744073709551615." },
        { "fractional replicates", ["--scenario", "SCENARIO", "--replicates", "2.5"], "--replicates = 2.5 is not allowed: expected an integer >= 1." },
        { "out folder missing", ["--scenario", "SCENARIO", "--out", "NOFOLDER"], "--out = " },
        { "out is a folder", ["--scenario", "SCENARIO", "--out", "FOLDER"], "--out = " },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExits2WithAMessageAndWritesNothing(string name, string[] arguments, string expectedStart)
    {
        string target = folder.NewPath("never.json");
        var replacements = new Dictionary<string, string>
        {
            ["SCENARIO"] = folder.Write("kink.json", CliScenarios.Kink),
            ["MISSING"] = folder.NewPath("missing.json"),
            ["MALFORMED"] = folder.Write("malformed.json", "{ \"name\": \"x\", }"),
            ["MISSPELT"] = folder.Write("misspelt.json", CliScenarios.Kink.Replace("\"period\": 25", "\"peroid\": 25")),
            ["NOFOLDER"] = Path.Combine(folder.Path, "no-such-folder", "out.json"),
            ["FOLDER"] = folder.Path,
        };
        string[] args = ["simulate", .. arguments.Select(a => replacements.GetValueOrDefault(a, a))];
        bool targetsOut = arguments.Contains("--out");
        if (!targetsOut) args = [.. args, "--out", target];

        CliRun run = CliRun.Of(args);

        Assert.True(run.ExitCode == ExitCodes.BadInput, $"{name}: exit code {run.ExitCode}, stderr: {run.Error}");
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(target), $"{name}: --out file was created");
        Assert.NotEqual("", run.Error.Trim());
        Assert.StartsWith(expectedStart, run.Error);
        Assert.Equal(["kink.json", "malformed.json", "misspelt.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ScenarioErrorsAreOneLineNamingTheFilePosition()
    {
        string malformed = folder.Write("malformed.json", "{\n  \"name\": \"x\",\n}");
        CliRun run = CliRun.Of("simulate", "--scenario", malformed);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"scenario file '{malformed}' is not valid JSON at line 3, position 1: ", run.Error);
    }

    [Fact]
    public void DivergenceExits1NamingTheStepAndReplicate()
    {
        string scenario = folder.Write("diverging.json", CliScenarios.Diverging);
        string target = folder.NewPath("never.txt");
        CliRun table = CliRun.Of("simulate", "--scenario", scenario, "--out", target);
        Assert.Equal(ExitCodes.Finding, table.ExitCode);
        Assert.Equal("diverged at step 10 in replicate 0 (worker 0: x = 1048576)", table.Error.TrimEnd());
        Assert.Equal("", table.Output);
        Assert.False(File.Exists(target));

        CliRun json = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        Assert.Equal(ExitCodes.Finding, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement divergence = document.RootElement.GetProperty("divergence");
        Assert.Equal((10, 0, 0, 1048576.0), (divergence.GetProperty("step").GetInt32(), divergence.GetProperty("replicate").GetInt32(),
            divergence.GetProperty("worker").GetInt32(), divergence.GetProperty("value").GetDouble()));
    }

    [Fact]
    public void ExactWithoutAnEngineSaysSo()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun run = CliRun.Of("simulate", "--scenario", scenario, "--format", "json", "--exact");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement exact = document.RootElement.GetProperty("exact");
        Assert.False(exact.GetProperty("available").GetBoolean());
        Assert.Equal("no exact engine is registered in this build", exact.GetProperty("reason").GetString());
    }

    [Fact]
    public void ExactValuesComeFromTheRegisteredEngineAndAgreeWithMonteCarlo()
    {
        string scenario = folder.Write("scalar.json", CliScenarios.ScalarAdditive);
        var engine = new ScalarAdditiveEveryStepEngine();
        CliRun run = CliRun.Of(new CliEnvironment(engine, ProblemReaderRegistry.Default), "simulate", "--scenario", scenario, "--format", "json", "--exact");
        Assert.Equal(ExitCodes.Success, run.ExitCode);

        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement exact = document.RootElement.GetProperty("exact");
        Assert.True(exact.GetProperty("available").GetBoolean());
        Assert.Equal(ScalarAdditiveEveryStepEngine.MethodName, exact.GetProperty("method").GetString());
        double[] expected = [.. new[] { 10, 30, 60 }.Select(ScalarAdditiveEveryStepEngine.MeanError)];
        JsonElement[] perCheckpoint = exact.GetProperty("per_checkpoint").EnumerateArray().ToArray();
        Assert.Equal(expected, perCheckpoint.Select(e => e.GetProperty("mean_error").GetDouble()));
        Assert.Equal([10, 30, 60], perCheckpoint.Select(e => e.GetProperty("step").GetInt32()));
        Assert.Equal(expected[^1], exact.GetProperty("mean_error").GetDouble());

        // Sanity of the whole path: with R = 400 the Monte Carlo mean lies within 6 standard errors of the exact
        // value unless something is wrong (false-fail rate about 2e-9 under the normal approximation; the seed is
        // fixed, so the outcome is the same on every run).
        JsonElement monteCarlo = document.RootElement.GetProperty("monte_carlo");
        double mean = monteCarlo.GetProperty("mean_error").GetDouble(), standardError = monteCarlo.GetProperty("std_error").GetDouble();
        Assert.True(Math.Abs(mean - expected[^1]) <= 6 * standardError,
            $"Monte Carlo mean {mean} is more than 6 standard errors ({standardError}) from the exact {expected[^1]} (false-fail rate ~2e-9)");

        // The table shows the same values in an extra column.
        CliRun table = CliRun.Of(new CliEnvironment(engine, ProblemReaderRegistry.Default), "simulate", "--scenario", scenario, "--exact");
        string[] lines = table.Output.Split('\n');
        Assert.Contains("exact method   " + ScalarAdditiveEveryStepEngine.MethodName, lines);
        string lastRow = lines.Single(line => line.TrimStart().StartsWith("60 ", StringComparison.Ordinal));
        Assert.EndsWith(expected[^1].ToString("0.00000e+00", CultureInfo.InvariantCulture), lastRow);
    }

    [Fact]
    public void ExactEngineThatDeclinesIsReportedWithTheConfiguration()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun run = CliRun.Of(new CliEnvironment(new ScalarAdditiveEveryStepEngine(), ProblemReaderRegistry.Default),
            "simulate", "--scenario", scenario, "--exact");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("exact          not available: the exact engine does not cover this configuration (problem kink, step size capped-inverse-time, communication constant-period, output last-average)", run.Output);
    }

    [Fact]
    public void RunDependentSchedulesReportMeanRounds()
    {
        string scenario = folder.Write("adaptive.json", CliScenarios.RunDependent);
        CliRun run = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement sync = document.RootElement.GetProperty("sync_steps");
        Assert.True(sync.GetProperty("depends_on_run").GetBoolean());
        double mean = sync.GetProperty("mean_rounds").GetDouble();
        int minimum = sync.GetProperty("min_rounds").GetInt32(), maximum = sync.GetProperty("max_rounds").GetInt32();
        // At least one round (the sync at T); at most T/τ0 = 40 rounds, since every round has at least τ0 = 5 steps except the last.
        Assert.InRange(minimum, 1, maximum);
        Assert.InRange(maximum, minimum, 40);
        Assert.InRange(mean, minimum, maximum);
        Assert.False(sync.TryGetProperty("steps", out _));
    }

    [Fact]
    public void TableListsEveryCheckpointInAlignedColumns()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink);
        CliRun run = CliRun.Of("simulate", "--scenario", scenario);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.Equal("scenario       small-kink", lines[0]);
        Assert.Contains("communication  constant-period period=25", lines);
        Assert.Contains("sync steps     4 rounds: 25, 50, 75, 100", lines);
        Assert.Contains("replicates     64  (seed 42, kernel ScalarProblemKernel)", lines);
        int header = Array.FindIndex(lines, line => line.TrimStart().StartsWith("step ", StringComparison.Ordinal) && line.Contains("mean"));
        Assert.Equal(["1", "10", "100"], lines[(header + 1)..(header + 4)].Select(line => line.Trim().Split(' ')[0]));
        // Right-aligned columns: every row of the table has the header's length.
        Assert.All(lines[(header + 1)..(header + 4)], line => Assert.Equal(lines[header].Length, line.Length));
        Assert.StartsWith("wall time ", lines[^2]);
    }

    [Fact]
    public void HelpListsTheFlagsAndExits0()
    {
        CliRun run = CliRun.Of("simulate", "--help");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (string flag in new[] { "--scenario", "--replicates", "--seed", "--exact", "--threads", "--format", "--out" })
            Assert.Contains(flag, run.Output);
    }

    [Fact]
    public void NoCommandIsBadUsage()
    {
        CliRun run = CliRun.Of();
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.NotEqual("", run.Error);
    }

    [Fact]
    public void EveryRegisteredExampleRunsCleanly()
    {
        foreach (string path in Directory.GetFiles(Scenarios.ScenarioTestFiles.ScenariosFolder, "*.json").Order(StringComparer.Ordinal))
        {
            string family;
            using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(path)))
                family = document.RootElement.GetProperty("problem").GetProperty("family").GetString()!;
            if (ProblemReaderRegistry.Default.Find(family) is null) continue;
            CliRun run = CliRun.Of("simulate", "--scenario", path, "--replicates", "16", "--format", "json");
            Assert.True(run.ExitCode == ExitCodes.Success, $"{Path.GetFileName(path)}: exit {run.ExitCode}: {run.Error}");
        }
    }

    private static void AssertStatistics(SampleStatistics expected, JsonElement actual, string meanName, string medianName)
    {
        Assert.Equal(expected.Mean, actual.GetProperty(meanName).GetDouble());
        Assert.Equal(expected.StandardError, actual.GetProperty("std_error").GetDouble());
        Assert.Equal(expected.ConfidenceLow, actual.GetProperty("ci_low").GetDouble());
        Assert.Equal(expected.ConfidenceHigh, actual.GetProperty("ci_high").GetDouble());
        Assert.Equal(expected.Median, actual.GetProperty(medianName).GetDouble());
        Assert.True(expected.ConfidenceLow <= expected.Mean && expected.Mean <= expected.ConfidenceHigh);
    }

    private static string WithoutWallTime(string table) => string.Join('\n', table.Split('\n').Where(line => !line.StartsWith("wall time ", StringComparison.Ordinal)));

    /// <summary>
    /// Exact E[F(x̄_t)] for F = (a/2)x², additive noise σ and averaging after every step, derived by hand:
    /// x̄_{t+1} = b x̄_t − η·(mean of N noises), b = 1 − ηa, so m_{t+1} = b m_t and v_{t+1} = b² v_t + η²σ²/N,
    /// E F = (a/2)(m² + v). Declines every other configuration.
    /// </summary>
    private sealed class ScalarAdditiveEveryStepEngine : IExactErrorEngine
    {
        public const string MethodName = "scalar additive mean-variance recursion (test)";
        private const double Curvature = 2, Noise = 1, StepSize = 0.1, Start = 1;
        private const int Workers = 4;

        public static double MeanError(int steps)
        {
            double b = 1 - StepSize * Curvature, mean = Start, variance = 0;
            for (int t = 0; t < steps; t++)
            {
                mean *= b;
                variance = b * b * variance + StepSize * StepSize * Noise * Noise / Workers;
            }
            return Curvature / 2 * (mean * mean + variance);
        }

        public ExactErrors? TryCompute(LocalSgdConfiguration configuration)
        {
            bool matches = configuration.Problem is LocalSgdVerify.Model.Problems.SeparableQuadratic { Curvatures: [Curvature], MultiplicativeNoise: 0, AdditiveNoise: Noise }
                && configuration.Workers == Workers && configuration.InitialPoint is [Start]
                && configuration.StepSize is LocalSgdVerify.Model.StepSizes.ConstantStepSize { StepSize: StepSize }
                && configuration.Communication is LocalSgdVerify.Model.Communication.EveryStep && configuration.Output == OutputIterate.LastAverage;
            return matches ? new ExactErrors(configuration.Checkpoints.Select(MeanError).ToArray(), MethodName) : null;
        }
    }
}
