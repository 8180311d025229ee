namespace LocalSgdVerify.Tests.Protocol;

/// <summary>Finds the repository root from the test binary's folder (the folder that holds LocalSgdVerify.sln).</summary>
internal static class RepositoryPaths
{
    internal static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "LocalSgdVerify.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"No LocalSgdVerify.sln above {AppContext.BaseDirectory}.");
    }
}
