using LocalSgdVerify.Model.Problems;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void ConstantsAreLambdaAndLambdaPlusAQuarterOfTheLargestGramEigenvalue()
    {
        var problem = new LogisticRegression(80, 5, 0.05, 4, 3);
        var a = Matrix<double>.Build.Dense(80, 5, (i, j) => problem.Row(i)[j]);
        double largestSingular = a.Svd(false).S.Maximum();
        Assert.Equal(0.05, problem.StrongConvexity);
        Assert.Equal(0.05 + largestSingular * largestSingular / (4 * 80), problem.Smoothness!.Value, 10);
    }

    [Fact]
    public void NewtonReachesTheOptimumToRoundOff()
    {
        var problem = new LogisticRegression(200, 6, 0.01, 4, 17);
        var gradient = new double[6];
        problem.Gradient(problem.Optimum!.ToArray(), gradient);
        Assert.True(gradient.Max(Math.Abs) <= 1e-14, $"|∇F(x*)|∞ = {gradient.Max(Math.Abs)}");
        // Strong convexity: F(x) − F* ≥ (μ/2)‖x − x*‖² ≥ 0 near x*, so a small step in any direction increases F.
        for (int k = 0; k < 6; k++)
        {
            double[] moved = problem.Optimum!.ToArray();
            moved[k] += 1e-3;
            Assert.True(problem.Value(moved) - problem.OptimalValue >= 0.5 * 0.01 * 1e-6 * (1 - 1e-6));
        }
    }

    [Fact]
    public void LabelsAreSignsAndBothClassesOccur()
    {
        var problem = new LogisticRegression(100, 3, 0.1, 1, 5);
        Assert.All(problem.Labels, y => Assert.True(y == 1.0 || y == -1.0));
        Assert.Contains(1.0, problem.Labels);
        Assert.Contains(-1.0, problem.Labels);
    }
}
