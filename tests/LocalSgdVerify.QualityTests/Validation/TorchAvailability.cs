using System.Diagnostics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// Whether /usr/bin/python3 can import torch with gloo, for the tests of adapters/torch: they are skipped with the reason
/// when it cannot, except in CI (LOCALSGD_CI=1), where that is a failure (.ci/run installs python3-torch).
/// </summary>
internal static class TorchAvailability
{
    internal const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>The command line of one of adapters/torch's runners with extra arguments.</summary>
    internal static string Command(string script, string arguments = "") =>
        $"{Interpreter} \"{RepositoryPaths.Of("adapters", "torch", script)}\" {arguments}".TrimEnd();

    internal static void Require()
    {
        if (Unavailable.Value is not { } reason) return;
        if (Environment.GetEnvironmentVariable("LOCALSGD_CI") == "1")
            Assert.Fail($"CI requires PyTorch for the torch adapter test, but {reason}. Install python3-torch (.ci/run does when it is missing).");
        Assert.Skip($"PyTorch is not available: {reason}");
    }

    private static string? Probe()
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} does not exist";
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-c", "import torch, torch.distributed as d; assert d.is_available() and d.is_gloo_available(), 'no gloo'" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) { process.Kill(); return "importing torch took more than two minutes"; }
        return process.ExitCode == 0 ? null : $"{Interpreter} -c 'import torch' failed: {error.Trim().Split('\n').LastOrDefault()}";
    }
}
