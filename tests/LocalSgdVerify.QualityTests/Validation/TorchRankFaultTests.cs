using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.QualityTests.FaultyImplementations;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Running;
using Xunit;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// Faults of real distributed runs (adapters/torch/torch_ranks.py): a rank that dies mid-run and a rank that stops, so
/// that the others wait in a gloo collective until its timeout, each reach the harness as an implementation error that
/// names the rank, and no rank process outlives the run. Skipped with the reason when python3-torch is missing.
/// </summary>
public sealed class TorchRankFaultTests
{
    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("post_local_sgd_torch.py", "--fault die@5", "rank 1 died during the run (exit code 3)")]
    [InlineData("hierarchical_torch.py", "--fault die@5", "rank 1 died during the run (exit code 3)")]
    [InlineData("post_local_sgd_torch.py", "--fault hang@5 --gloo-timeout 3", "Timed out waiting 3000ms")]
    [InlineData("hierarchical_torch.py", "--fault hang@5 --gloo-timeout 3", "Timed out waiting 3000ms")]
    public async Task AFailedRankIsAnImplementationErrorAndLeavesNoProcessBehind(string script, string fault, string named)
    {
        TorchAvailability.Require();
        var (run, standardError) = await AdapterRuns.ValidateAsync(TorchAvailability.Command(script, fault), AdapterRuns.Scenarios("separable-post-local-sgd"));
        string described = AdapterRuns.Describe(run) + "\n" + string.Join("\n", standardError.TakeLast(10));
        Assert.True(run.ExitCode == 1, described);
        var result = run.Results.Single();
        Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
        Assert.Equal(BugClasses.ImplementationError, result.Diagnosis!.BugClass);
        Assert.Contains(named, result.Summary);
        // Every process that ran this runner with this fault (the launcher and its forked ranks) is gone.
        string marker = fault.Split(' ')[1];
        foreach (int processId in ProcessesWhoseCommandLineHas(script, marker))
            Assert.True(await ProcessLiveness.BecomesDeadAsync(processId, TimeSpan.FromSeconds(20)), $"process {processId} ({script} {fault}) outlived the run");
    }

    /// <summary>
    /// A rank that sends its last message and exits while the launcher waits for another rank is finished, not dead:
    /// tests/fixtures/torch_ranks/finished_rank_exits_first.py makes the launcher's first wait see that rank's message
    /// and its process's end in one batch (the race that failed a loaded suite run as "rank 3 died ... (exit code 0)").
    /// </summary>
    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ARankThatFinishedAndExitedIsNotTakenForDead()
    {
        TorchAvailability.Require();
        var start = new ProcessStartInfo(TorchAvailability.Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.Of("tests", "fixtures", "torch_ranks", "finished_rank_exits_first.py"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0 && (await output).Trim() == "ok", $"exit code {process.ExitCode}: {await output}{await error}");
    }

    private static IEnumerable<int> ProcessesWhoseCommandLineHas(string script, string marker)
    {
        foreach (string folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int processId)) continue;
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (commandLine.Contains(script, StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal)) yield return processId;
        }
    }
}
