using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Running;
using Xunit;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// adapters/torch/post_local_sgd_torch.py (DDP with post_localSGD_hook, PostLocalSGDOptimizer over PeriodicModelAverager)
/// and adapters/torch/hierarchical_torch.py (HierarchicalModelAverager) on N = 4 gloo ranks: mapped to the declared
/// hierarchical schedule they conform on every built-in scenario they can express; with PyTorch's documented or default
/// arguments the harness names what differs. Skipped with the reason when python3-torch is missing (a failure in CI).
/// </summary>
public sealed class TorchPostLocalAndHierarchicalTests
{
    private const string PostLocal = "post_local_sgd_torch.py", Hierarchical = "hierarchical_torch.py";

    // Flat post-local SGD [(4, 5)] after W = 7; nodes of 2 every step [(2, 1), (4, 5)] after W = 6; [(2, 2), (4, 6)] after W = 3.
    private const string FlatPostLocal = "separable-post-local-sgd", IntraNode = "kink-hierarchical-intra-node-every-step", TwoLevels = "separable-hierarchical";

    public static TheoryData<string, string[]> Mapped => new()
    {
        { PostLocal, [FlatPostLocal, IntraNode] },
        { Hierarchical, [FlatPostLocal, IntraNode, TwoLevels] },
    };

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [MemberData(nameof(Mapped))]
    public async Task MappedToTheDeclaredScheduleConforms(string script, string[] scenarios)
    {
        TorchAvailability.Require();
        var (run, standardError) = await AdapterRuns.ValidateAsync(TorchAvailability.Command(script), AdapterRuns.Scenarios(scenarios));
        Assert.True(run.ExitCode == 0, AdapterRuns.Describe(run) + "\n" + string.Join("\n", standardError));
        Assert.Equal(scenarios.Length, run.Results.Count);
        // gloo's sums and PyTorch's "divide, then sum" averaging differ from the reference by a few ulp only.
        Assert.All(run.Results, result => Assert.InRange(result.MaximumDeviation!.Value, 0, 1e-12));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PostLocalSgdWithTheDocumentedWarmupPairingIsDiagnosedAsItsZeroBasedCounter()
    {
        // warmup_steps = start_localSGD_iter = 7 (the pairing PyTorch's documentation asks for) averages after 8, 13, 18, ...
        TorchAvailability.Require();
        var (run, _) = await AdapterRuns.ValidateAsync(TorchAvailability.Command(PostLocal, "--naive-mapping warmup"), AdapterRuns.Scenarios(FlatPostLocal, IntraNode));
        Assert.True(run.ExitCode == 1, AdapterRuns.Describe(run));
        Assert.All(run.Results, result =>
        {
            Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
            Assert.Equal(BugClasses.PytorchZeroBasedWarmup, result.Diagnosis!.BugClass);
            Assert.Contains("PeriodicModelAverager(period=p, warmup_steps=", result.Summary);
        });
        // The declared first averaging after the warm-up is after step 10; the naive one after step 8.
        Assert.Equal(9, run.Results.Single(result => result.Name == FlatPostLocal).Divergence!.Step);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PyTorchsDefaultIntraNodeGradientAllReduceUnderAFlatScheduleIsDiagnosedAsHierarchical()
    {
        // post_local_gradient_allreduce=True (PyTorch's default) with nodes of 2: every step after the warm-up averages
        // within the nodes, which the declared single-level schedule does not.
        TorchAvailability.Require();
        var (run, _) = await AdapterRuns.ValidateAsync(TorchAvailability.Command(PostLocal, "--naive-mapping intra-node-allreduce"), AdapterRuns.Scenarios(FlatPostLocal));
        Assert.True(run.ExitCode == 1, AdapterRuns.Describe(run));
        var diagnosis = run.Results.Single().Diagnosis!;
        Assert.Equal(BugClasses.HierarchicalAveraging, diagnosis.BugClass);
        Assert.Equal(2, diagnosis.Parameter);
        Assert.StartsWith("groups of 2: {0, 1}, {2, 3}", diagnosis.Estimate);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task HierarchicalModelAveragerAsDocumentedIsDiagnosedAsItsZeroBasedCounter()
    {
        TorchAvailability.Require();
        var (run, _) = await AdapterRuns.ValidateAsync(TorchAvailability.Command(Hierarchical, "--naive-mapping"), AdapterRuns.Scenarios(FlatPostLocal, IntraNode, TwoLevels));
        Assert.True(run.ExitCode == 1, AdapterRuns.Describe(run));
        Assert.All(run.Results, result =>
        {
            Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
            Assert.Equal(BugClasses.PytorchZeroBasedWarmup, result.Diagnosis!.BugClass);
            Assert.Contains("HierarchicalModelAverager(OrderedDict(", result.Summary);
        });
        // [(2, 2), (4, 6)] after W = 3: the declared nodes first average after step 4; the 0-based counter after step 5.
        Assert.Equal(5, run.Results.Single(result => result.Name == TwoLevels).Divergence!.Step);
    }
}
