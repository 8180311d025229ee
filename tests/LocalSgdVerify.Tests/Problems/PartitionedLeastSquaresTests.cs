using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>
/// Least squares with its rows partitioned among the workers: worker i samples only from the i-th block of n/P rows, F
/// (and so x*, F*) is the problem's own, the partition count must divide the rows and equal the workers, and one
/// partition is the unpartitioned problem bit for bit.
/// </summary>
public sealed class PartitionedLeastSquaresTests
{
    private const int Rows = 12, Columns = 3, Partitions = 4;

    private static LeastSquares Problem(int partitions) => new(Rows, Columns, 1, 0.5, 17, partitions: partitions);

    [Fact]
    public void EveryWorkerSamplesOnlyTheRowsOfItsOwnBlock()
    {
        // At x = 0 the sampled gradient is −a_r b_r: it names the row r it came from.
        var problem = Problem(Partitions);
        var oracle = problem.CreateOracle(5);
        var gradient = new double[Columns];
        int block = Rows / Partitions;
        for (int worker = 0; worker < Partitions; worker++)
        {
            var seen = new HashSet<int>();
            for (int step = 0; step < 400; step++)
            {
                oracle.StochasticGradient(new double[Columns], new NoiseAddress(0, worker, step), gradient);
                int row = Enumerable.Range(0, Rows).Single(r => Enumerable.Range(0, Columns).All(j => gradient[j] == -problem.Row(r)[j] * problem.Targets[r]));
                seen.Add(row);
            }
            Assert.Equal(Enumerable.Range(worker * block, block), seen.OrderBy(r => r));
        }
    }

    [Fact]
    public void TheObjectiveIsTheUnpartitionedOneAndOnePartitionIsTheUnpartitionedProblem()
    {
        var partitioned = Problem(Partitions);
        var whole = Problem(1);
        Assert.Equal(whole.OptimalValue, partitioned.OptimalValue);
        Assert.Equal(whole.Optimum, partitioned.Optimum);
        var x = new[] { 0.3, -1.2, 2.0 };
        Assert.Equal(whole.Value(x), partitioned.Value(x));
        var first = whole.CreateOracle(9);
        var second = new LeastSquares(Rows, Columns, 1, 0.5, 17).CreateOracle(9);
        var a = new double[Columns];
        var b = new double[Columns];
        for (int step = 0; step < 50; step++)
        {
            first.StochasticGradient(x, new NoiseAddress(2, 1, step), a);
            second.StochasticGradient(x, new NoiseAddress(2, 1, step), b);
            Assert.Equal(a, b);
        }
        Assert.False(whole.Parameters.ContainsKey("partitions"));
        Assert.Equal(Partitions, partitioned.Parameters["partitions"]);
    }

    [Fact]
    public void APartitionCountThatDoesNotDivideTheRowsIsRefusedByName()
    {
        var error = Assert.Throws<ProblemParameterException>(() => Problem(5));
        Assert.Equal("problem.partitions", error.Field);
        Assert.Contains("a divisor of rows = 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunWithAnotherNumberOfWorkersThanPartitionsIsRefusedByName()
    {
        var problem = Problem(Partitions);
        var error = Assert.Throws<ProblemParameterException>(() =>
            new LocalSgdConfiguration(problem, 3, 10, new double[Columns], new ConstantStepSize(0.01), new EveryStep()));
        Assert.Equal("workers", error.Field);
        Assert.Contains("exactly 4", error.Message, StringComparison.Ordinal);
    }
}
