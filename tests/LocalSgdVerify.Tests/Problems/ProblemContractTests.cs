using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.TestSupport;
using Xunit;
using static LocalSgdVerify.Tests.Problems.ProblemTestSupport;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>
/// The laws every problem must satisfy (claims.md §2): ∇F is the derivative of F, x* minimises F with value F*,
/// μ and L bracket the Hessian, and the oracle is a pure function of (seed, address).
/// </summary>
public sealed class ProblemContractTests
{
    [Theory]
    [MemberData(nameof(ProblemCatalogue.All), MemberType = typeof(ProblemCatalogue))]
    public void GradientMatchesCentralFiniteDifferencesOfValue(string name)
    {
        var c = ProblemCatalogue.Get(name);
        IProblem problem = c.Problem;
        Prop.ForAll(Points(problem.Dimension, c.PointScale), x =>
        {
            // The kink's second derivative jumps at 0; a difference straddling it is only first-order accurate.
            if (problem is KinkFunction && Math.Abs(x[0]) < 1e-3) return true;
            var gradient = new double[x.Length];
            problem.Gradient(x, gradient);
            double[] numeric = FiniteDifferenceGradient(problem, x);
            double scale = 1 + MaxAbs(gradient) + Math.Abs(problem.Value(x));
            for (int k = 0; k < x.Length; k++)
                if (Math.Abs(gradient[k] - numeric[k]) > 1e-6 * scale) return false;
            return true;
        }).Check(TestSeeds.Properties());
    }

    [Theory]
    [MemberData(nameof(ProblemCatalogue.WithOptimum), MemberType = typeof(ProblemCatalogue))]
    public void OptimumHasOptimalValueAndZeroGradient(string name)
    {
        IProblem problem = ProblemCatalogue.Get(name).Problem;
        double[] optimum = problem.Optimum!.ToArray();
        Assert.True(Close(problem.OptimalValue, problem.Value(optimum), 1e-12),
            $"{name}: F(x*) = {problem.Value(optimum):R}, F* = {problem.OptimalValue:R}");
        Assert.True(Math.Abs(problem.Error(optimum)) <= 1e-12 * Math.Max(1, Math.Abs(problem.OptimalValue)), $"{name}: error at x* = {problem.Error(optimum):R}");
        var gradient = new double[optimum.Length];
        problem.Gradient(optimum, gradient);
        Assert.True(MaxAbs(gradient) <= 1e-10, $"{name}: |∇F(x*)|∞ = {MaxAbs(gradient):R}");
    }

    [Theory]
    [MemberData(nameof(ProblemCatalogue.All), MemberType = typeof(ProblemCatalogue))]
    public void ValueIsAtLeastOptimalValueAndErrorIsValueMinusOptimalValue(string name)
    {
        var c = ProblemCatalogue.Get(name);
        IProblem problem = c.Problem;
        Prop.ForAll(Points(problem.Dimension, c.PointScale), x =>
        {
            double value = problem.Value(x), error = problem.Error(x);
            double slack = 1e-12 * Math.Max(1, Math.Abs(problem.OptimalValue));
            return value >= problem.OptimalValue - slack
                && error >= -slack
                && Close(value - problem.OptimalValue, error, 1e-10);
        }).Check(TestSeeds.Properties());
    }

    [Theory]
    [MemberData(nameof(ProblemCatalogue.All), MemberType = typeof(ProblemCatalogue))]
    public void StrongConvexityAndSmoothnessBracketTheHessianSpectrum(string name)
    {
        var c = ProblemCatalogue.Get(name);
        IProblem problem = c.Problem;
        if (problem.StrongConvexity is not double mu || problem.Smoothness is not double smoothness)
        {
            // Only the uv toy has neither; its Hessian has a zero eigenvalue on the manifold and is unbounded off it.
            Assert.IsType<LabelNoiseUvToy>(problem);
            return;
        }
        Assert.True(mu > 0 && mu <= smoothness, $"{name}: μ = {mu}, L = {smoothness}");
        Prop.ForAll(Points(problem.Dimension, c.PointScale), x =>
        {
            if (problem is KinkFunction && Math.Abs(x[0]) < 1e-3) return true;
            double[] eigenvalues = FiniteDifferenceHessian(problem, x).Evd().EigenValues.Select(e => e.Real).ToArray();
            double tolerance = 1e-6 * smoothness;
            foreach (double eigenvalue in eigenvalues)
            {
                if (eigenvalue > smoothness + tolerance) return false;
                // A PL problem (rank-deficient least squares) may have a null space; μ bounds the rest.
                bool isNull = c.HessianMayBeSingular && Math.Abs(eigenvalue) <= tolerance;
                if (!isNull && eigenvalue < mu - tolerance) return false;
            }
            return true;
        }).Check(TestSeeds.Properties(30));
    }

    [Theory]
    [MemberData(nameof(ProblemCatalogue.All), MemberType = typeof(ProblemCatalogue))]
    public void OracleIsAPureFunctionOfSeedAndAddress(string name)
    {
        IProblem problem = ProblemCatalogue.Get(name).Problem;
        int d = problem.Dimension;
        var x = Enumerable.Range(0, d).Select(k => 0.3 + 0.1 * k).ToArray();
        var first = new double[d];
        var again = new double[d];
        var otherWorker = new double[d];
        var otherStep = new double[d];
        var otherSeed = new double[d];
        var address = new NoiseAddress(5, 1, 17);
        problem.CreateOracle(99).StochasticGradient(x, address, first);
        var oracle = problem.CreateOracle(99);
        // Drawing at another address first must not change what the next draw gives (no hidden state).
        oracle.StochasticGradient(x, address with { Worker = 2 }, otherWorker);
        oracle.StochasticGradient(x, address, again);
        oracle.StochasticGradient(x, address with { Step = 18 }, otherStep);
        problem.CreateOracle(100).StochasticGradient(x, address, otherSeed);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherWorker);
        Assert.NotEqual(first, otherStep);
        Assert.NotEqual(first, otherSeed);
    }

    [Theory]
    [MemberData(nameof(ProblemCatalogue.All), MemberType = typeof(ProblemCatalogue))]
    public void ProblemIsAPureFunctionOfItsParameters(string name)
    {
        // Building the catalogue's problem twice must give the same objective: data come from the data seed only.
        IProblem problem = ProblemCatalogue.Get(name).Problem;
        IProblem rebuilt = Rebuild(problem);
        var x = Enumerable.Range(0, problem.Dimension).Select(k => 0.7 - 0.2 * k).ToArray();
        Assert.Equal(problem.Value(x), rebuilt.Value(x));
        Assert.Equal(problem.OptimalValue, rebuilt.OptimalValue);
        Assert.Equal(problem.Optimum?.ToArray(), rebuilt.Optimum?.ToArray());
    }

    private static IProblem Rebuild(IProblem problem) => problem switch
    {
        SeparableQuadratic p => new SeparableQuadratic(p.Curvatures, p.MultiplicativeNoise, p.AdditiveNoise),
        KinkFunction p => new KinkFunction(p.Curvature, p.Noise),
        SmoothFunction p => new SmoothFunction(p.Noise),
        DenseQuadratic p => new DenseQuadratic(p.Eigenvalues, p.Noise, p.DataSeed!.Value, p.Optimum),
        LeastSquares p => new LeastSquares(p.Rows, p.Columns, p.BatchSize, p.NoiseLevel, p.DataSeed, p.Rank, (double[])p.Parameters["column_scales"]),
        LogisticRegression p => new LogisticRegression(p.Rows, p.Columns, p.Regularization, p.BatchSize, p.DataSeed),
        HeterogeneousQuadratics p => HeterogeneousQuadratics.Generated(p.Curvatures, p.Workers, (double)p.Parameters["spread"], p.Noise,
            ulong.Parse((string)p.Parameters["data_seed"], System.Globalization.CultureInfo.InvariantCulture), (double[])p.Parameters["center"]),
        LabelNoiseUvToy p => new LabelNoiseUvToy(p.LabelNoise, p.LocalBatch),
        _ => throw new InvalidOperationException(problem.Family),
    };
}
