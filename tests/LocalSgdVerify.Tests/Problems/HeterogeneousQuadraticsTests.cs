using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

public sealed class HeterogeneousQuadraticsTests
{
    [Fact]
    public void HandComputedTwoWorkerExample()
    {
        // a = (2, 1), x*_0 = (1, 0), x*_1 = (3, 4): x* = (2, 2),
        // F* = ½[(2/2)(1² + 1²) + (1/2)(2² + 2²)] = ½[2 + 4] = 3.
        var problem = HeterogeneousQuadratics.WithOptima([2.0, 1.0], [[1.0, 0.0], [3.0, 4.0]], 0.1);
        Assert.Equal([2.0, 2.0], problem.Optimum!.ToArray());
        Assert.Equal(3.0, problem.OptimalValue, 15);
        // F(0) = ½[(1·1 + 0) + (9 + ½·16)] = ½[1 + 17] = 9.
        Assert.Equal(9.0, problem.Value([0.0, 0.0]), 14);
        Assert.Equal(6.0, problem.Error([0.0, 0.0]), 14);
    }

    [Fact]
    public void GeneratedOptimaLieAtDistanceSpreadFromTheCenter()
    {
        var problem = HeterogeneousQuadratics.Generated([1.0, 1.0, 1.0], 6, 2.5, 0.1, 9, [1.0, 0.0, -1.0]);
        for (int i = 0; i < 6; i++)
        {
            var target = problem.WorkerOptimum(i).ToArray();
            double distance = Math.Sqrt(Math.Pow(target[0] - 1, 2) + Math.Pow(target[1], 2) + Math.Pow(target[2] + 1, 2));
            Assert.Equal(2.5, distance, 12);
        }
        Assert.NotEqual(problem.WorkerOptimum(0).ToArray(), problem.WorkerOptimum(1).ToArray());
    }

    [Fact]
    public void RunningWithAnotherWorkerCountIsReportedOnTheWorkersField()
    {
        var problem = HeterogeneousQuadratics.Generated([1.0], 4, 1.0, 0.1, 9);
        problem.RequireWorkerCount(4);
        var error = Assert.Throws<ProblemParameterException>(() => problem.RequireWorkerCount(3));
        Assert.Equal("workers", error.Field);
        Assert.Contains("4", error.Message);
        var oracle = problem.CreateOracle(1);
        var fromOracle = Assert.Throws<ProblemParameterException>(() => oracle.StochasticGradient([0.0], new NoiseAddress(0, 4, 0), new double[1]));
        Assert.Equal("workers", fromOracle.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ConfigurationRefusesAWorkerCountOtherThanTheNumberOfOptima(int workers)
    {
        // Three listed optima define F as the mean of three objectives; only N = 3 runs that F.
        var problem = HeterogeneousQuadratics.WithOptima([1.0, 2.0], [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]], 0.5);
        var error = Assert.Throws<ProblemParameterException>(() =>
            new LocalSgdConfiguration(problem, workers, 10, [0.0, 0.0], new ConstantStepSize(0.1), new ConstantPeriod(5)));
        Assert.Equal("workers", error.Field);
        Assert.Equal($"workers = {workers} is not allowed: expected exactly 3, the number of worker optima of the heterogeneous-quadratics problem.", error.Message);
        Assert.Equal(3, new LocalSgdConfiguration(problem, 3, 10, [0.0, 0.0], new ConstantStepSize(0.1), new ConstantPeriod(5)).Workers);
    }

    [Fact]
    public void ZeroSpreadIsTheHomogeneousQuadraticWithZeroOptimalValue()
    {
        var problem = HeterogeneousQuadratics.Generated([1.0, 3.0], 3, 0.0, 0.1, 9, [0.5, 0.25]);
        Assert.Equal(0.0, problem.OptimalValue);
        Assert.Equal([0.5, 0.25], problem.Optimum!.ToArray());
    }
}
