namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>Locates the fixture implementations under tests/fixtures/faulty from the test binary's folder.</summary>
internal static class FixturePaths
{
    internal static string Directory { get; } = Find();

    internal static string Of(string name) => Path.Combine(Directory, name);

    /// <summary>A command line that runs a Python fixture through the interpreter found in PATH.</summary>
    internal static string Python(string name, string arguments = "") => $"python3 \"{Of(name)}\" {arguments}".TrimEnd();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "faulty");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No tests/fixtures/faulty above {AppContext.BaseDirectory}.");
    }
}
