namespace LocalSgdVerify.Validation.Scenarios;

/// <summary>
/// The built-in scenarios of <c>localsgd-verify validate</c>: every <c>*.json</c> of the repository's
/// <c>scenarios/validation/</c> folder (several problems, N from 1 to 16, every schedule family), found through the
/// environment variable <see cref="EnvironmentVariable"/> or by walking up from the tool's folder and the current
/// folder.
/// </summary>
public static class DefaultScenarioSet
{
    /// <summary>Names a folder to use instead of the repository's <c>scenarios/validation</c>.</summary>
    public const string EnvironmentVariable = "LOCALSGD_VALIDATION_SCENARIOS";

    /// <summary>The folder of the default set, relative to the repository root.</summary>
    public static readonly string RelativeFolder = Path.Combine("scenarios", "validation");

    /// <summary>The folder, or null when it cannot be found.</summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured) return Directory.Exists(configured) ? configured : null;
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, RelativeFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Reads every scenario file of <paramref name="folder"/>, sorted by file name.</summary>
    public static IReadOnlyList<ValidationScenario> Load(string folder, ValidationScenarioReader? reader = null)
    {
        reader ??= new ValidationScenarioReader();
        return Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(reader.ReadFile).ToArray();
    }

    /// <summary>The scenarios that take part in <paramref name="mode"/>.</summary>
    public static IReadOnlyList<ValidationScenario> ForMode(IEnumerable<ValidationScenario> scenarios, ValidationMode mode) =>
        scenarios.Where(scenario => scenario.Modes.Contains(mode)).ToArray();
}
