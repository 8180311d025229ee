using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.TestSupport;
using Xunit;
using static LocalSgdVerify.Tests.Problems.ProblemTestSupport;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>
/// Unbiasedness in the exact sense: for Gaussian-noise problems the oracle is ∇F (or ∇F_i) plus fixed multiples of
/// the stream's own normals, which have mean zero; for finite sums the oracle is the mean of per-row gradients over
/// the rows the sampling stream picks, and the mean over all rows is ∇F.
/// </summary>
public sealed class OracleUnbiasednessTests
{
    private const ulong Seed = 4242;
    private static readonly Arbitrary<(double[] Point, int Replicate, int Worker, int Step)> Draws3 = Draws(3);

    private static Arbitrary<(double[] Point, int Replicate, int Worker, int Step)> Draws(int dimension, double scale = 2, int workers = 8)
        => Points(dimension, scale).Generator
            .SelectMany(x => Gen.Choose(0, 1000).SelectMany(r => Gen.Choose(0, workers - 1).SelectMany(w => Gen.Choose(0, 100000).Select(t => (x, r, w, t)))))
            .ToArbitrary();

    [Fact]
    public void SeparableQuadraticIsGradientTimesOnePlusMultiplicativeNoisePlusAdditiveNoise()
    {
        var problem = new SeparableQuadratic([1.0, 2.0, 3.0], 0.8, 0.5);
        var oracle = problem.CreateOracle(Seed);
        Prop.ForAll(Draws3, draw =>
        {
            var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
            var g = new double[3];
            oracle.StochasticGradient(draw.Point, address, g);
            for (int k = 0; k < 3; k++)
            {
                double z = new CounterBasedRandom(Seed, NoiseStreams.MultiplicativeNoise).Normal(address, k);
                double s = new CounterBasedRandom(Seed, NoiseStreams.GradientNoise).Normal(address, k);
                double a = problem.Curvatures[k];
                if (g[k] != a * draw.Point[k] * (1.0 + 0.8 * z) + 0.5 * s) return false;
            }
            return true;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void ScalarProblemsAreDerivativePlusSigmaTimesTheWorkersNormalInTheStepsSharedRun()
    {
        ScalarProblem[] problems = [new KinkFunction(1.0, 8.0), new SmoothFunction(8.0)];
        foreach (var problem in problems)
        {
            var oracle = problem.CreateOracle(Seed);
            Prop.ForAll(Draws(1, 3), draw =>
            {
                var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
                var g = new double[1];
                oracle.StochasticGradient(draw.Point, address, g);
                // ScalarProblemNoise's contract: worker w draws normal w of (replicate, worker 0, step).
                double noise = new CounterBasedRandom(Seed, NoiseStreams.GradientNoise).Normal(new NoiseAddress(draw.Replicate, 0, draw.Step), draw.Worker);
                return g[0] == problem.DerivativeAt(draw.Point[0]) + 8.0 * noise;
            }).Check(TestSeeds.Properties());
        }
    }

    [Fact]
    public void DenseQuadraticIsGradientPlusSigmaTimesTheAdditiveNormals()
    {
        var problem = new DenseQuadratic([0.5, 1.0, 3.0], 0.7, 5, [1.0, -1.0, 0.5]);
        var oracle = problem.CreateOracle(Seed);
        Prop.ForAll(Draws3, draw =>
        {
            var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
            var g = new double[3];
            var gradient = new double[3];
            var normals = new double[3];
            oracle.StochasticGradient(draw.Point, address, g);
            problem.Gradient(draw.Point, gradient);
            new CounterBasedRandom(Seed, NoiseStreams.GradientNoise).FillNormals(address, normals);
            for (int k = 0; k < 3; k++)
                if (g[k] != gradient[k] + 0.7 * normals[k]) return false;
            return true;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void HeterogeneousQuadraticsIsTheWorkersGradientPlusNoiseAndTheWorkersAverageToTheGradient()
    {
        var problem = HeterogeneousQuadratics.Generated([1.0, 0.5, 2.0], 5, 1.5, 0.4, 41);
        var oracle = problem.CreateOracle(Seed);
        Prop.ForAll(Draws(3, 2, workers: 5), draw =>
        {
            var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
            var g = new double[3];
            var normals = new double[3];
            oracle.StochasticGradient(draw.Point, address, g);
            new CounterBasedRandom(Seed, NoiseStreams.GradientNoise).FillNormals(address, normals);
            var target = problem.WorkerOptimum(draw.Worker);
            for (int k = 0; k < 3; k++)
                if (g[k] != problem.Curvatures[k] * (draw.Point[k] - target[k]) + 0.4 * normals[k]) return false;

            // (1/N) Σ_i ∇F_i(x) = ∇F(x): the mean over workers of the noise-free parts is the gradient.
            var mean = new double[3];
            var part = new double[3];
            for (int i = 0; i < problem.Workers; i++)
            {
                problem.WorkerGradient(i, draw.Point, part);
                for (int k = 0; k < 3; k++) mean[k] += part[k] / problem.Workers;
            }
            var gradient = new double[3];
            problem.Gradient(draw.Point, gradient);
            for (int k = 0; k < 3; k++)
                if (!Close(gradient[k], mean[k], 1e-12)) return false;
            return true;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void UvToyIsTheGradientMinusTheMeanLabelNoiseTimesVU()
    {
        var problem = new LabelNoiseUvToy(0.5, 4);
        var oracle = problem.CreateOracle(Seed);
        Prop.ForAll(Draws(2), draw =>
        {
            var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
            var g = new double[2];
            oracle.StochasticGradient(draw.Point, address, g);
            double u = draw.Point[0], v = draw.Point[1];
            // ε̄ ~ N(0, s²/B): s/√B times one standard normal of the additive stream.
            double meanNoise = 0.5 / Math.Sqrt(4) * new CounterBasedRandom(Seed, NoiseStreams.GradientNoise).Normal(address, 0);
            double residual = u * v - 1 - meanNoise;
            return g[0] == residual * v && g[1] == residual * u;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void LeastSquaresRowsAverageToTheGradientAndTheOracleAveragesTheSampledRows()
    {
        foreach (var problem in new[] { new LeastSquares(30, 4, 6, 0.3, 7), new LeastSquares(30, 5, 6, 0.3, 8, rank: 2) })
        {
            var oracle = problem.CreateOracle(Seed);
            Prop.ForAll(Draws(problem.Dimension), draw =>
            {
                int d = problem.Dimension;
                double[] RowGradient(int i)
                {
                    var a = problem.Row(i).ToArray();
                    double residual = a.Zip(draw.Point, (p, q) => p * q).Sum() - problem.Targets[i];
                    return a.Select(value => value * residual).ToArray();
                }
                var gradient = new double[d];
                problem.Gradient(draw.Point, gradient);
                var allRows = new double[d];
                for (int i = 0; i < problem.Rows; i++)
                {
                    double[] row = RowGradient(i);
                    for (int k = 0; k < d; k++) allRows[k] += row[k] / problem.Rows;
                }
                var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
                var sampling = new CounterBasedRandom(Seed, NoiseStreams.RowSampling);
                var sampled = new double[d];
                for (int m = 0; m < problem.BatchSize; m++)
                {
                    double[] row = RowGradient(sampling.UniformInteger(address, m, problem.Rows));
                    for (int k = 0; k < d; k++) sampled[k] += row[k] / problem.BatchSize;
                }
                var g = new double[d];
                oracle.StochasticGradient(draw.Point, address, g);
                double scale = 1 + MaxAbs(allRows);
                for (int k = 0; k < d; k++)
                {
                    if (Math.Abs(gradient[k] - allRows[k]) > 1e-12 * scale) return false;
                    if (Math.Abs(g[k] - sampled[k]) > 1e-12 * (1 + MaxAbs(sampled))) return false;
                }
                return true;
            }).Check(TestSeeds.Properties());
        }
    }

    [Fact]
    public void LeastSquaresNoiseDependsOnThePoint()
    {
        // Same address, two points: g − ∇F differs, so the noise is multiplicative, not additive.
        var problem = new LeastSquares(30, 4, 2, 0.3, 7);
        var oracle = problem.CreateOracle(Seed);
        var address = new NoiseAddress(0, 0, 3);
        double[] Deviation(double[] x)
        {
            var g = new double[4];
            var gradient = new double[4];
            oracle.StochasticGradient(x, address, g);
            problem.Gradient(x, gradient);
            return g.Zip(gradient, (p, q) => p - q).ToArray();
        }
        double[] first = Deviation([0.0, 0.0, 0.0, 0.0]), second = Deviation([1.0, -2.0, 0.5, 3.0]);
        Assert.True(first.Zip(second, (p, q) => Math.Abs(p - q)).Max() > 1e-3);
    }

    [Fact]
    public void LogisticRegressionExamplesAverageToTheGradientAndTheOracleAveragesTheSampledExamples()
    {
        var problem = new LogisticRegression(40, 3, 0.2, 5, 9);
        var oracle = problem.CreateOracle(Seed);
        Prop.ForAll(Draws3, draw =>
        {
            double[] ExampleGradient(int i)
            {
                var a = problem.Row(i).ToArray();
                double margin = problem.Labels[i] * a.Zip(draw.Point, (p, q) => p * q).Sum();
                // d/dx ln(1 + exp(−y aᵀx)) = −y a / (1 + exp(y aᵀx)), plus the regulariser's λx.
                return a.Select((value, k) => -problem.Labels[i] * value / (1 + Math.Exp(margin)) + 0.2 * draw.Point[k]).ToArray();
            }
            var gradient = new double[3];
            problem.Gradient(draw.Point, gradient);
            var all = new double[3];
            for (int i = 0; i < problem.Rows; i++)
            {
                double[] part = ExampleGradient(i);
                for (int k = 0; k < 3; k++) all[k] += part[k] / problem.Rows;
            }
            var address = new NoiseAddress(draw.Replicate, draw.Worker, draw.Step);
            var sampling = new CounterBasedRandom(Seed, NoiseStreams.RowSampling);
            var sampled = new double[3];
            for (int m = 0; m < problem.BatchSize; m++)
            {
                double[] part = ExampleGradient(sampling.UniformInteger(address, m, problem.Rows));
                for (int k = 0; k < 3; k++) sampled[k] += part[k] / problem.BatchSize;
            }
            var g = new double[3];
            oracle.StochasticGradient(draw.Point, address, g);
            for (int k = 0; k < 3; k++)
            {
                if (Math.Abs(gradient[k] - all[k]) > 1e-12 * (1 + MaxAbs(all))) return false;
                if (Math.Abs(g[k] - sampled[k]) > 1e-12 * (1 + MaxAbs(sampled))) return false;
            }
            return true;
        }).Check(TestSeeds.Properties());
    }
}
