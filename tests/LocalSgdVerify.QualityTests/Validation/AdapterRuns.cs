using System.Collections.Concurrent;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>Paths of the repository and runs of the shipped adapters through the validation runner.</summary>
internal static class AdapterRuns
{
    /// <summary>The repository root (the folder holding LocalSgdVerify.sln).</summary>
    internal static string Root { get; } = FindRoot();

    /// <summary>A file of the repository.</summary>
    internal static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The command line of the Python adapter with extra arguments.</summary>
    internal static string Python(string arguments = "") => $"python3 \"{Path("adapters", "python", "local_sgd.py")}\" {arguments}".TrimEnd();

    /// <summary>The built-in scenarios of a mode.</summary>
    internal static IReadOnlyList<ValidationScenario> DefaultSet(ValidationMode mode) =>
        DefaultScenarioSet.ForMode(DefaultScenarioSet.Load(Path(DefaultScenarioSet.RelativeFolder)), mode);

    /// <summary>Named scenarios of the built-in set.</summary>
    internal static IReadOnlyList<ValidationScenario> Scenarios(params string[] names) =>
        names.Select(name => new ValidationScenarioReader().ReadFile(Path(DefaultScenarioSet.RelativeFolder, name + ".json"))).ToArray();

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

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "LocalSgdVerify.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"No LocalSgdVerify.sln above {AppContext.BaseDirectory}.");
    }
}
