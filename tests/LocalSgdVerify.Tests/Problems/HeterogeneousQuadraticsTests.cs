using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
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

    [Fact]
    public void ZeroSpreadIsTheHomogeneousQuadraticWithZeroOptimalValue()
    {
        var problem = HeterogeneousQuadratics.Generated([1.0, 3.0], 3, 0.0, 0.1, 9, [0.5, 0.25]);
        Assert.Equal(0.0, problem.OptimalValue);
        Assert.Equal([0.5, 0.25], problem.Optimum!.ToArray());
    }
}
