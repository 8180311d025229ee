using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Cli.Shards;
using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Simulation;

namespace LocalSgdVerify.Cli.Simulate;

/// <summary>
/// <c>localsgd-verify simulate --scenario FILE [--replicates R] [--seed S] [--exact] [--threads K]
/// [--format table|json] [--out FILE] [--max-memory SIZE] [--shard K/N|auto [--shard-count N]]</c>: runs one scenario
/// by Monte Carlo (and the exact engine when asked) and prints the error at every checkpoint. Flags override the file's
/// fields. With --shard it simulates only shard K of N of the replicates into a shard file in the folder --out
/// (<see cref="SimulateShard"/>); <c>merge</c> prints the whole result. Exit codes: 0 done, 1 a replicate diverged,
/// 2 bad flags or scenario, or a run estimated to need more memory than the machine has (one message on stderr,
/// nothing on stdout or --out). Long runs show progress with the estimated time left on stderr.
/// </summary>
public sealed class SimulateCommand : ICommandDefinition
{
    /// <summary>The formats of <c>--format</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["table", "json"];

    /// <inheritdoc/>
    public string Name => "simulate";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var scenarioOption = new Option<string>("--scenario") { Description = "Scenario file (JSON; see docs/scenario.md).", Required = true, HelpName = "FILE" };
        var replicatesOption = new Option<string?>("--replicates") { Description = "Number of Monte Carlo replicates R >= 1 (overrides the file's 'replicates').", HelpName = "R" };
        var seedOption = new Option<string?>("--seed") { Description = "Master seed, 0..2^64-1 (overrides the file's 'seed').", HelpName = "S" };
        var exactOption = new Option<bool>("--exact") { Description = "Also compute E[F(output)] - F* exactly where the exact engine covers the scenario." };
        var threadsOption = new Option<string?>("--threads") { Description = "Worker threads; 0 (default) = one per core. Never changes the result.", HelpName = "K" };
        var formatOption = new Option<string?>("--format") { Description = "Output format: table (default) or json.", HelpName = "table|json" };
        var outOption = new Option<string?>("--out") { Description = "Write the output to this file (atomically, only on success) instead of stdout; with --shard, the folder for the shard file.", HelpName = "FILE" };
        var maxMemoryOption = new Option<string?>("--max-memory") { Description = "Refuse runs estimated to need more memory than this, e.g. 8G or 512M (default: the memory available to the process).", HelpName = "SIZE" };
        var shardOption = new Option<string?>("--shard") { Description = "Simulate only shard K of N (1 <= K <= N) of the replicates into a shard file in --out, for `merge`; auto reads K and N from the job engine.", HelpName = "K/N|auto" };
        var shardCountOption = new Option<string?>("--shard-count") { Description = "N for --shard auto in a Kubernetes Indexed Job (the Job's completions).", HelpName = "N" };

        var command = new Command(Name, "Run one scenario: Monte Carlo error at each checkpoint, with confidence intervals, and exact values on request.")
        {
            scenarioOption, replicatesOption, seedOption, exactOption, threadsOption, formatOption, outOption, maxMemoryOption, shardOption, shardCountOption,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            SimulateRequest request;
            try
            {
                var shard = ShardOption.Parse(parseResult.GetValue(shardOption), parseResult.GetValue(shardCountOption), environment.Variable);
                if (shard is not null && parseResult.GetValue(formatOption) is string format)
                    throw new CommandLineException($"--format = {format} is not allowed with --shard: a shard run prints no result; `merge` does.");
                request = new SimulateRequest(
                    parseResult.GetValue(scenarioOption)!,
                    FlagValues.Integer("--replicates", parseResult.GetValue(replicatesOption), 1, maximum: ScenarioReader.MaximumReplicates),
                    FlagValues.UnsignedInteger("--seed", parseResult.GetValue(seedOption)),
                    parseResult.GetValue(exactOption),
                    FlagValues.Integer("--threads", parseResult.GetValue(threadsOption), 0, "0 = one per core") ?? 0,
                    FlagValues.Choice("--format", parseResult.GetValue(formatOption), Formats, "table"),
                    parseResult.GetValue(outOption) ?? (shard is null ? null : Check.CheckShardRun.DefaultOutputDirectory),
                    MemorySize.Parse("--max-memory", parseResult.GetValue(maxMemoryOption)), shard);
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(request, environment, output, error);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr.</summary>
    public static int Execute(SimulateRequest request, CliEnvironment environment, TextWriter output, TextWriter error)
    {
        Scenario scenario;
        SimulationOptions options;
        try
        {
            scenario = Resolve(request, environment);
            options = scenario.ToSimulationOptions(request.Threads);
            if (request.OutputPath is string path && request.Shard is null) OutputFile.Prepare(path, "--out");
        }
        catch (Exception bad) when (bad is ScenarioException or CommandLineException or ProblemParameterException or OutputTargetException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }

        if (request.Shard is ShardAssignment shard)
            return SimulateShard.Execute(scenario, request.Exact, request.Threads, shard, request.OutputPath!, output, error);

        var clock = Stopwatch.StartNew();
        SimulationResult result;
        try
        {
            using var progress = SimulateProgress.Start(error, RunCost.Of(scenario.Configuration, scenario.Replicates, request.Threads), scenario.Configuration, scenario.Replicates, request.Threads);
            result = MonteCarloSimulator.Run(scenario.Configuration, options with { ReplicatesFinished = progress.Finished });
        }
        catch (DivergenceException divergence)
        {
            error.WriteLine(divergence.Message);
            if (request.Format == "json") Emit(request, output, SimulationJsonWriter.WriteDivergence(scenario, divergence, environment.Problems));
            return ExitCodes.Finding;
        }
        ExactSection? exact = request.Exact ? ComputeExact(scenario.Configuration, environment.ExactEngine) : null;
        clock.Stop();

        int threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;
        var report = new SimulationReport(scenario, result, exact, new RunTiming(clock.Elapsed.TotalSeconds, threads));
        string text = request.Format == "json"
            ? SimulationJsonWriter.Write(report, environment.Problems)
            : SimulationTableWriter.Write(report, environment.Problems);
        try
        {
            Emit(request, output, text);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or OutputTargetException)
        {
            error.WriteLine($"--out = {request.OutputPath} could not be written: {failure.Message}");
            return ExitCodes.BadInput;
        }
        return ExitCodes.Success;
    }

    /// <summary>Reads the scenario and applies the flags that override its fields.</summary>
    public static Scenario Resolve(SimulateRequest request, CliEnvironment environment)
    {
        if (request.Replicates is int replicates && replicates < 1)
            throw new CommandLineException($"--replicates = {replicates.ToString(CultureInfo.InvariantCulture)} is not allowed: expected an integer >= 1.");
        if (request.Threads < 0)
            throw new CommandLineException($"--threads = {request.Threads.ToString(CultureInfo.InvariantCulture)} is not allowed: expected an integer >= 0 (0 = one per core).");
        var budget = request.MaxMemoryBytes is double limit
            ? new RunBudget(limit, "--max-memory", request.Threads, request.Replicates)
            : new RunBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "the memory available to this process", request.Threads, request.Replicates);
        Scenario scenario = new ScenarioReader(environment.Problems) { Budget = budget }.ReadFile(request.ScenarioPath);
        if (request.Replicates is int r) scenario = scenario with { Replicates = r };
        if (request.Seed is ulong seed) scenario = scenario with { Seed = seed };
        return scenario;
    }

    /// <summary>The exact section of a configuration: the engine's errors, or why there are none.</summary>
    public static ExactSection ComputeExact(LocalSgdConfiguration configuration, IExactErrorEngine? engine)
    {
        if (engine is null) return new ExactSection(null, "no exact engine is registered in this build");
        ExactErrors? errors = engine.TryCompute(configuration);
        if (errors is null)
        {
            return new ExactSection(null,
                $"the exact engine does not cover this configuration (problem {configuration.Problem.Family}, step size {configuration.StepSize.Kind}, communication {configuration.Communication.Kind}, output {configuration.Output.Kind})");
        }
        if (errors.MeanErrors.Count != configuration.Checkpoints.Count)
            throw new InvalidOperationException($"the exact engine returned {errors.MeanErrors.Count} values for {configuration.Checkpoints.Count} checkpoints");
        return new ExactSection(errors, null);
    }

    private static void Emit(SimulateRequest request, TextWriter output, string text)
    {
        if (request.OutputPath is string path) OutputFile.Write(path, text);
        else output.Write(text);
    }
}

/// <summary>The flags of one <c>simulate</c> invocation.</summary>
/// <param name="ScenarioPath">--scenario.</param>
/// <param name="Replicates">--replicates, or null to keep the file's.</param>
/// <param name="Seed">--seed, or null to keep the file's.</param>
/// <param name="Exact">--exact.</param>
/// <param name="Threads">--threads (0 = one per core).</param>
/// <param name="Format">--format: table or json.</param>
/// <param name="OutputPath">--out, or null for stdout (with --shard: the folder of the shard file).</param>
/// <param name="MaxMemoryBytes">--max-memory in bytes, or null for the memory available to the process.</param>
/// <param name="Shard">--shard, or null for a whole run.</param>
public sealed record SimulateRequest(string ScenarioPath, int? Replicates, ulong? Seed, bool Exact, int Threads, string Format, string? OutputPath,
    double? MaxMemoryBytes = null, ShardAssignment? Shard = null);
