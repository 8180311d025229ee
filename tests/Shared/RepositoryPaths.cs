namespace LocalSgdVerify.TestSupport;

/// <summary>Finds the repository root from the test binary's folder (the folder that holds LocalSgdVerify.sln).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    /// <summary>A file or folder of the repository, e.g. <c>Of("docs", "report.schema.json")</c>.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "LocalSgdVerify.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"No LocalSgdVerify.sln above {AppContext.BaseDirectory}.");
    }
}
