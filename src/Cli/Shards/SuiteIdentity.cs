using System.Reflection;

namespace LocalSgdVerify.Cli.Shards;

/// <summary>
/// The suite's version as shard files record it: the informational version with its source revision when the build
/// knows one ("0.1.0+3660b24…"), so shards of two different builds are refused by a merge even when the version
/// number is the same.
/// </summary>
public static class SuiteIdentity
{
    /// <summary>The informational version of the tool, revision included.</summary>
    public static string Version =>
        typeof(SuiteIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
