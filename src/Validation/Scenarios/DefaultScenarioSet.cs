using System.Reflection;

namespace LocalSgdVerify.Validation.Scenarios;

/// <summary>
/// The built-in scenarios of <c>localsgd-verify validate</c>: every <c>*.json</c> of the repository's
/// <c>scenarios/validation/</c> folder (several problems, N from 1 to 16, every schedule family). The files are
/// embedded in this assembly when it is built, so an installed tool carries them and finds them wherever it runs,
/// whatever the current folder.
/// </summary>
public static class DefaultScenarioSet
{
    /// <summary>The folder the set is built from, relative to the repository root.</summary>
    public static readonly string RelativeFolder = Path.Combine("scenarios", "validation");

    // The embedded resources' names (LogicalName in the project file): this prefix and the file name.
    private const string ResourcePrefix = "scenarios/validation/";

    private static readonly Assembly Home = typeof(DefaultScenarioSet).Assembly;

    /// <summary>The file names of the built-in set (e.g. <c>separable-stich.json</c>), in ordinal order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = Home.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The text of one built-in file, as it was in the repository when the tool was built.</summary>
    public static string Text(string fileName)
    {
        using Stream stream = Home.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new ArgumentException($"'{fileName}' is not a built-in scenario; the built-in ones are {string.Join(", ", FileNames)}.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads every built-in scenario, sorted by file name; each is named <c>scenarios/validation/NAME.json (built in)</c> as its source.</summary>
    public static IReadOnlyList<ValidationScenario> LoadBuiltIn(ValidationScenarioReader? reader = null)
    {
        reader ??= new ValidationScenarioReader();
        return FileNames.Select(name => reader.Read(Text(name), $"{ResourcePrefix}{name} (built in)")).ToArray();
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
