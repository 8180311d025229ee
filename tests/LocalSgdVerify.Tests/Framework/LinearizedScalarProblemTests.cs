using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>
/// The control of spiridonoff.S3 must see the 1-D problem's noise and have exactly known moments; these facts are what
/// make it a valid (and useful) control variate.
/// </summary>
public sealed class LinearizedScalarProblemTests
{
    [Fact]
    public void DrawsTheNoiseOfTheScalarProblemsAtEveryAddress()
    {
        // At a point where f' is exactly 0 both oracles return σ·n alone: kink at x* = 0, the model at y = 0.
        var kink = new KinkFunction(1, 8);
        var model = new LinearizedScalarProblem(1.25, 8);
        var kinkOracle = kink.CreateOracle(77);
        var modelOracle = model.CreateOracle(77);
        double[] kinkGradient = new double[1], modelGradient = new double[1];
        int compared = 0;
        for (int replicate = 0; replicate < 5; replicate++)
            for (int worker = 0; worker < 4; worker++)
                for (int step = 0; step < 6; step++)
                {
                    var address = new NoiseAddress(replicate, worker, step);
                    kinkOracle.StochasticGradient([0.0], address, kinkGradient);
                    modelOracle.StochasticGradient([0.0], address, modelGradient);
                    Assert.Equal(kinkGradient[0], modelGradient[0]);
                    Assert.NotEqual(0, modelGradient[0]);
                    compared++;
                }
        Assert.Equal(120, compared);
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(4, 120)]
    public void WithoutNoiseErrorsAreThoseOfTheOneDimensionalSeparableQuadraticBitForBit(int period, int steps)
    {
        // σ = 0 isolates the gradient's operation order: the model (reference loop) and SeparableQuadratic with d = 1,
        // c = 0 (fast kernel) must give identical errors, so with noise of the same law the exact engine's E F for the
        // latter is the model's. (With σ > 0 they draw different normals of the stream; see the next test.)
        var model = new LinearizedScalarProblem(1.2402, 0);
        var stepSize = new CappedInverseTimeStepSize(2, 1, 0.8);
        var options = new SimulationOptions(8, 2024, 1);
        var ofModel = MonteCarloSimulator.Run(new LocalSgdConfiguration(model, 4, steps, [2.4], stepSize, new ConstantPeriod(period)), options);
        var ofQuadratic = MonteCarloSimulator.Run(new LocalSgdConfiguration(model.AsSeparableQuadratic(), 4, steps, [2.4], stepSize, new ConstantPeriod(period)), options);
        Assert.Equal(ofQuadratic.FinalErrors, ofModel.FinalErrors);
        double[] deviations = ofModel.Observables[0][^1];
        for (int replicate = 0; replicate < deviations.Length; replicate++)
            Assert.Equal(ofModel.FinalErrors[replicate], 0.5 * model.Curvature * deviations[replicate] * deviations[replicate]);
    }

    [Fact]
    public void DrawsTheNoiseOfTheOneDimensionalProblemsAtEveryAddress()
    {
        // The control variate needs common random numbers: at every (replicate, worker, step) the model and the smooth
        // and kink functions add σ times the same normal. At y = 0 the model's gradient is exactly σ·n, and σ = 8 divides
        // exactly, so n is recovered bit for bit and each 1-D oracle must be f'(x) + σ·n in its own operation order.
        var smooth = new SmoothFunction(8);
        var kink = new KinkFunction(1, 8);
        var model = LinearizedScalarProblem.Of(smooth);
        var addresses = from replicate in Gen.Choose(0, 5000)
                        from worker in Gen.Choose(0, 63)
                        from step in Gen.Choose(0, 5000)
                        from point in Gen.Choose(-3000, 3000)
                        select (Address: new NoiseAddress(replicate, worker, step), Point: point / 1000.0);
        var modelOracle = model.CreateOracle(2024);
        var smoothOracle = smooth.CreateOracle(2024);
        var kinkOracle = kink.CreateOracle(2024);
        Prop.ForAll(addresses.ToArbitrary(), draw =>
        {
            double[] g = new double[1], h = new double[1], k = new double[1];
            modelOracle.StochasticGradient([0.0], draw.Address, g);
            smoothOracle.StochasticGradient([draw.Point], draw.Address, h);
            kinkOracle.StochasticGradient([draw.Point], draw.Address, k);
            double normal = g[0] / 8;
            return h[0] == smooth.DerivativeAt(draw.Point) + 8 * normal && k[0] == kink.DerivativeAt(draw.Point) + 8 * normal;
        }).Check(TestSeeds.Properties());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    public void WithoutNoiseTheDeviationIsItsExpectation(int period)
    {
        // σ = 0: every run follows the mean path, so the deviation must equal Π(1 − η_t a)·y0 up to rounding.
        var model = new LinearizedScalarProblem(1.5, 0);
        var stepSize = new CappedInverseTimeStepSize(2, 1, 0.5);
        var result = MonteCarloSimulator.Run(new LocalSgdConfiguration(model, 3, 40, [2.0], stepSize, new ConstantPeriod(period)), new SimulationOptions(2, 5, 1));
        double expected = model.ExpectedDeviation(stepSize, 40, 2.0);
        // Hand check of the product's first factors: η_0 = η_1 = 0.5 (capped), so after two steps the mean is 2·0.25².
        Assert.Equal(2 * 0.25 * 0.25, model.ExpectedDeviation(stepSize, 2, 2.0), 15);
        foreach (double deviation in result.Observables[0][^1])
            Assert.True(Math.Abs(deviation - expected) <= 1e-12 * Math.Abs(expected), $"deviation {deviation:R}, expected {expected:R}");
    }

    [Theory]
    [InlineData(1, 8, 60)]
    [InlineData(7, 8, 200)]
    [InlineData(200, 3, 200)]
    public void DirectDeviationsAreTheSimulatedOnes(int period, int workers, int steps)
    {
        // The shortcut ȳ ← (1 − η a) ȳ − η σ n̄ must reproduce the simulator's output deviation under any schedule
        // (period 200 = one-shot here), replicate by replicate, up to rounding; and not depend on the thread count.
        var model = new LinearizedScalarProblem(1.2402, 8);
        var stepSize = new CappedInverseTimeStepSize(2, 1, 0.8);
        var simulated = MonteCarloSimulator.Run(new LocalSgdConfiguration(model, workers, steps, [2.4], stepSize, new ConstantPeriod(period)),
            new SimulationOptions(40, 99, 1)).Observables[0][^1];
        double[] direct = model.FinalDeviations(workers, steps, 2.4, stepSize, 40, 99, 2);
        double[] singleThread = model.FinalDeviations(workers, steps, 2.4, stepSize, 40, 99, 1);
        Assert.Equal(direct, singleThread);
        double scale = simulated.Max(Math.Abs);
        for (int replicate = 0; replicate < direct.Length; replicate++)
            Assert.True(Math.Abs(direct[replicate] - simulated[replicate]) <= 1e-12 * scale,
                $"replicate {replicate}: direct {direct[replicate]:R}, simulated {simulated[replicate]:R}");
        Assert.True(direct.Distinct().Count() == direct.Length, "replicates must see different noise");
    }

    [Fact]
    public void CurvatureIsTheSymmetricDifferenceQuotientAtTheMinimiser()
    {
        var smooth = new SmoothFunction(8);
        Assert.True(Math.Abs(LinearizedScalarProblem.Of(smooth).Curvature - SmoothFunction.SecondDerivativeAt(smooth.Minimizer)) <= 1e-7);
        // Kink with μ = 1: f'(h) = 2h, f'(−h) = −h, so (2h + h)/(2h) = 1.5, the mean of the one-sided curvatures.
        Assert.Equal(1.5, LinearizedScalarProblem.Of(new KinkFunction(1, 8)).Curvature, 12);
        Assert.Equal(8, LinearizedScalarProblem.Of(smooth).Noise);
    }

    [Fact]
    public void BadParametersAreRejectedWithTheFieldNamed()
    {
        var curvature = Assert.Throws<ProblemParameterException>(() => new LinearizedScalarProblem(0, 1));
        Assert.Contains("problem.curvature", curvature.Message);
        var noise = Assert.Throws<ProblemParameterException>(() => new LinearizedScalarProblem(1, double.NaN));
        Assert.Contains("problem.noise", noise.Message);
    }
}
