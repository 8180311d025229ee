using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Running;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// The PyTorch adapter (adapters/torch/local_sgd_torch.py): N gloo processes with torch.optim.SGD and PyTorch's own
/// PeriodicModelAverager must pass once its period and warm-up are mapped to the declared schedule, and with PyTorch's
/// default warm-up of 0 the harness must name the 0-based-counter semantics. Needs Debian's python3-torch with
/// /usr/bin/python3: skipped when it is missing, except in CI (LOCALSGD_CI=1), where that is a failure.
/// </summary>
public sealed class TorchAdapterTests
{
    private static string Command(string arguments = "") => TorchAvailability.Command("local_sgd_torch.py", arguments);

    // N ≤ 4 and every way the adapter maps a schedule: a constant period (averager with warm-up H − 1), constant rounds
    // with T/R integral (the same), Stich's period, one-shot (warm-up T − 1), and an explicit set (all-reduce fallback).
    private static readonly string[] Scenarios =
        ["separable-constant-period", "kink-constant-rounds", "separable-stich", "separable-one-shot-single-worker", "smooth-explicit", "least-squares-rank-deficient"];

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PeriodicModelAveragerMappedToTheDeclaredScheduleConforms()
    {
        TorchAvailability.Require();
        var (run, standardError) = await AdapterRuns.ValidateAsync(Command(), AdapterRuns.Scenarios(Scenarios));
        Assert.True(run.ExitCode == 0, AdapterRuns.Describe(run) + "\n" + string.Join("\n", standardError));
        Assert.Equal("torch-periodic-model-averager", run.Implementation!.Implementation);
        // gloo's all-reduce and PyTorch's "divide, then sum" averaging differ from the reference by a few ulp only.
        Assert.All(run.Results, result => Assert.InRange(result.MaximumDeviation!.Value, 0, 1e-12));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PyTorchsDefaultWarmupIsDiagnosedAsItsZeroBasedCounter()
    {
        TorchAvailability.Require();
        var (run, _) = await AdapterRuns.ValidateAsync(Command("--naive-mapping"),
            AdapterRuns.Scenarios("separable-constant-period", "kink-constant-rounds", "separable-stich"));
        Assert.True(run.ExitCode == 1, AdapterRuns.Describe(run));
        Assert.All(run.Results, result =>
        {
            Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
            Assert.Equal(BugClasses.PytorchZeroBasedWarmup, result.Diagnosis!.BugClass);
            Assert.Equal(2, result.Divergence!.Step); // it averaged after step 1
        });
        Assert.Contains("averaged after steps 1, 6, 11, 16, …, 30 instead of 5, 10, 15, 20, …, 30", run.Results[0].Summary);
    }
}
