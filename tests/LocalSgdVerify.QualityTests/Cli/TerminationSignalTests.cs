using System.Diagnostics;
using System.Text.Json;
using LocalSgdVerify.Reports.Output;
using Xunit;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Cli;

/// <summary>
/// SIGTERM is handled like Ctrl-C: check stops after the claim it is running, writes its report marked incomplete
/// (with the ownership marker) and exits with 143. The real executable runs as a child process and is signalled once
/// it has finished its first claim, so the handler is certainly installed and something is certainly unfinished.
/// </summary>
public sealed class TerminationSignalTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "localsgd-sigterm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task SigtermWritesAnIncompleteReportAndExits143()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "signals are sent with kill(1)");
        string report = Path.Combine(folder, "report");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "localsgd-verify.dll"), "check", "--claim", "spiridonoff", "--profile", "quick", "--out", report })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var firstClaim = new TaskCompletionSource();
        var errorLines = new List<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (errorLines) errorLines.Add(line.Data);
            if (line.Data.StartsWith("[1/", StringComparison.Ordinal)) firstClaim.TrySetResult();
        };
        process.BeginErrorReadLine();
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await firstClaim.Task.WaitAsync(TestContext.Current.CancellationToken);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await output;

        string log;
        lock (errorLines) log = string.Join("\n", errorLines);
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}\n{log}");
        Assert.Contains("(SIGTERM)", log);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
        JsonElement run = document.RootElement.GetProperty("run");
        Assert.False(run.GetProperty("complete").GetBoolean());
        Assert.NotEqual(0, run.GetProperty("not_finished").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(report, ReportFolderOwnership.MarkerName)));
    }
}
