using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.TestSupport;
using Xunit;
using static LocalSgdVerify.Tests.Problems.ProblemTestSupport;

namespace LocalSgdVerify.Tests.Problems;

public sealed class LabelNoiseUvToyTests
{
    [Fact]
    public void OneSgdStepScalesTheDifferenceByOneMinusDeltaSquared()
    {
        // claims.md §4 (derived): u' = u − δv, v' = v − δu with δ = η(uv − 1 − ε̄) gives
        // u'² − v'² = u² − 2δuv + δ²v² − v² + 2δuv − δ²u² = (u² − v²)(1 − δ²).
        var cases = Gen.Choose(-3000, 3000).Select(i => i / 1000.0).Two()
            .SelectMany(uv => Gen.Choose(1, 1000).Select(e => e / 1000.0)
                .SelectMany(eta => Gen.Choose(0, 1000).Select(s => s / 1000.0)
                    .SelectMany(s => Gen.Choose(0, 100000).Select(step => (uv.Item1, uv.Item2, eta, s, step)))))
            .ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (u, v, eta, s, step) = c;
            var problem = new LabelNoiseUvToy(s, 3);
            var address = new NoiseAddress(1, 0, step);
            var g = new double[2];
            problem.CreateOracle(77).StochasticGradient([u, v], address, g);
            double[] next = [u - eta * g[0], v - eta * g[1]];
            double meanNoise = s / Math.Sqrt(3) * new CounterBasedRandom(77, NoiseStreams.GradientNoise).Normal(address, 0);
            double delta = eta * (u * v - 1 - meanNoise);
            var difference = problem.Observables.Single(o => o.Name == "difference");
            double before = difference.Evaluate([u, v]), after = difference.Evaluate(next);
            // Skip cases where the subtraction u² − v² itself cancels (ill-conditioned to evaluate, not a model fact).
            if (Math.Abs(before) < 0.2 * (u * u + v * v) || Math.Abs(1 - delta * delta) < 0.2 || Math.Abs(delta) > 2) return true;
            double expected = before * (1 - delta * delta);
            return Math.Abs(after - expected) <= 1e-12 * Math.Abs(expected);
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void OptimalValueIsHalfTheLabelVarianceOnTheWholeManifold()
    {
        var problem = new LabelNoiseUvToy(0.6, 2);
        Assert.Equal(0.18, problem.OptimalValue, 15);
        Assert.Null(problem.Optimum);
        foreach (double u in new[] { 0.25, 1.0, 4.0 })
        {
            Assert.Equal(0.18, problem.Value([u, 1 / u]), 15);
            Assert.True(problem.Error([u, 1 / u]) <= 1e-30);
        }
        // F(0, 0) = ½ + s²/2.
        Assert.Equal(0.5 + 0.18, problem.Value([0.0, 0.0]), 15);
    }

    [Fact]
    public void SharpnessOnTheManifoldIsRootOfDifferenceSquaredPlusFour()
    {
        var problem = new LabelNoiseUvToy(0.1, 1);
        var sharpness = problem.Observables.Single(o => o.Name == "sharpness");
        var difference = problem.Observables.Single(o => o.Name == "difference");
        foreach (double u in new[] { 0.3, 1.0, 2.5 })
        {
            double[] x = [u, 1 / u];
            double d = difference.Evaluate(x);
            Assert.Equal(Math.Sqrt(d * d + 4), sharpness.Evaluate(x), 12);
            // The Hessian of ½(uv − 1)² on uv = 1 is [[v², 1], [1, u²]]: eigenvalues 0 and u² + v².
            double trace = x[1] * x[1] + x[0] * x[0];
            Assert.Equal(trace, sharpness.Evaluate(x), 12);
        }
    }
}
