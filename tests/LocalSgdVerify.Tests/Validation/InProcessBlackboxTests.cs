using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.InProcess;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>Blackbox mode with an in-process implementation that draws its own noise (System.Random and Box–Muller).</summary>
public sealed class InProcessBlackboxTests
{
    private static readonly IReadOnlyList<ValidationScenario> Separable =
        [new ValidationScenarioReader().ReadFile(RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder, "separable-constant-period.json"))];

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task OwnNoiseOfTheRightLawConforms()
    {
        // False-fail rate: at most α = 1e-4 (the default budget split over the scenario's 4 assertions); the seeds are
        // fixed, so the outcome is deterministic.
        var run = await ValidationRunner.RunAsync(ImplementationTarget.InProcess(new OwnNoiseImplementation(1.0)), Separable,
            new ValidationOptions { Mode = ValidationMode.Blackbox }, TestContext.Current.CancellationToken);
        var result = Assert.Single(run.Results);
        Assert.True(result.Verdict == ScenarioVerdict.Conforms, string.Join("\n", result.Evidence));
        Assert.Equal(4, run.TotalAssertions);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ASystematicBiasIsRejected()
    {
        // A constant bias of 0.3 in every gradient moves the iterates' mean to about −0.3/a_k: dozens of standard
        // errors at 200 runs, so the rejection does not depend on luck.
        var run = await ValidationRunner.RunAsync(ImplementationTarget.InProcess(new OwnNoiseImplementation(1.0, bias: 0.3)), Separable,
            new ValidationOptions { Mode = ValidationMode.Blackbox }, TestContext.Current.CancellationToken);
        var result = Assert.Single(run.Results);
        Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
        Assert.Contains(result.Assertions, a => a.Name.EndsWith("mean output x[0]", StringComparison.Ordinal) && a.Verdict == Verdict.Fail);
        Assert.Equal(1, run.ExitCode);
    }

    /// <summary>Local SGD on the separable quadratic with g_k = a_k x_k (1 + c z_k) + σ s_k + bias, its own Gaussian draws.</summary>
    private sealed class OwnNoiseImplementation(double noiseScale, double bias = 0) : CorrectImplementation, IBlackboxLocalSgdImplementation
    {
        public override string Name => "csharp-own-noise";

        public double[] RunBlackbox(BlackboxRunMessage run)
        {
            var parameters = run.Problem.Parameters;
            double[] a = parameters.GetProperty("curvatures").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double c = parameters.GetProperty("multiplicative_noise").GetDouble(), sigma = parameters.GetProperty("additive_noise").GetDouble() * noiseScale;
            var random = new Random(unchecked((int)run.Seed));
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return RunOracle(new RunMessage(run.RunId, run.Dimension, run.Workers, run.Steps, run.X0, run.StepSizes, run.Schedule, run.Output),
                new OwnGradients(x => x.Select((value, k) => a[k] * value * (1 + c * Normal()) + sigma * Normal() + bias).ToArray()));
        }

        private sealed class OwnGradients(Func<double[], double[]> gradient) : IGradientSource
        {
            public double[] Gradient(int step, int worker, double[] point) => gradient(point);

            public void ReportSync(int step) { }
        }
    }
}
