using System.Collections.Concurrent;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>Runs of the shipped adapters through the validation runner.</summary>
internal static class AdapterRuns
{
    /// <summary>The command line of the Python adapter with extra arguments.</summary>
    internal static string Python(string arguments = "") => $"python3 \"{RepositoryPaths.Of("adapters", "python", "local_sgd.py")}\" {arguments}".TrimEnd();

    /// <summary>The built-in scenarios of a mode.</summary>
    internal static IReadOnlyList<ValidationScenario> DefaultSet(ValidationMode mode) =>
        DefaultScenarioSet.ForMode(DefaultScenarioSet.Load(RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder)), mode);

    /// <summary>Named scenarios of the built-in set.</summary>
    internal static IReadOnlyList<ValidationScenario> Scenarios(params string[] names) =>
        names.Select(name => new ValidationScenarioReader().ReadFile(RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder, name + ".json"))).ToArray();

    /// <summary>Validates a command on scenarios; the implementation's stderr is collected for failure messages.</summary>
    internal static async Task<(ValidationRun Run, IReadOnlyCollection<string> StandardError)> ValidateAsync(string commandLine, IReadOnlyList<ValidationScenario> scenarios,
        ValidationMode mode = ValidationMode.Oracle, TransportLimits? limits = null, TimeSpan? timeout = null, double? relativeTolerance = null)
    {
        var standardError = new ConcurrentQueue<string>();
        var target = ImplementationTarget.Command(new ProcessOptions
        {
            CommandLine = commandLine,
            StandardErrorLine = standardError.Enqueue,
            Limits = limits ?? TransportLimits.Default,
        });
        var options = new ValidationOptions
        {
            Mode = mode,
            MessageTimeout = timeout ?? TimeSpan.FromSeconds(30),
            RelativeTolerance = relativeTolerance ?? LocalSgdVerify.Validation.Oracle.PointTolerance.DefaultRelativeTolerance,
        };
        var run = await ValidationRunner.RunAsync(target, scenarios, options, Xunit.TestContext.Current.CancellationToken);
        return (run, standardError);
    }

    /// <summary>One line per scenario for assertion messages.</summary>
    internal static string Describe(ValidationRun run) =>
        string.Join("\n", run.Results.Select(r => $"{r.Name}: {r.Verdict}: {r.Summary}"));
}
