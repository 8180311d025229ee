using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>The fixture implementations under tests/fixtures/faulty.</summary>
internal static class FixturePaths
{
    internal static string Directory { get; } = RepositoryPaths.Of("tests", "fixtures", "faulty");

    internal static string Of(string name) => Path.Combine(Directory, name);

    /// <summary>A command line that runs a Python fixture through the interpreter found in PATH.</summary>
    internal static string Python(string name, string arguments = "") => $"python3 \"{Of(name)}\" {arguments}".TrimEnd();
}
