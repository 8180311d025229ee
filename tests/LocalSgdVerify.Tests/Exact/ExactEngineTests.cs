using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static LocalSgdVerify.Tests.Exact.ExactTestSupport;

namespace LocalSgdVerify.Tests.Exact;

public sealed class ExactEngineTests
{
    private static LocalSgdConfiguration Configuration(IProblem problem, ICommunicationSchedule schedule, OutputIterate? output = null, int workers = 3, int steps = 20)
        => new(problem, workers, steps, Enumerable.Repeat(0.5, problem.Dimension).ToArray(), new InverseTimeStepSize(1, 3), schedule, output, [5, 12, steps]);

    public static TheoryData<string> ProblemsWithoutExactMoments() => new() { "kink", "smooth", "least-squares", "logistic-regression", "heterogeneous-quadratics", "label-noise-uv" };

    [Theory]
    [MemberData(nameof(ProblemsWithoutExactMoments))]
    public void OtherProblemsHaveNoExactPrediction(string name)
    {
        IProblem problem = Problems.ProblemCatalogue.Get(name).Problem;
        int workers = problem is HeterogeneousQuadratics h ? h.Workers : 3;
        Assert.Null(ExactEngine.TryCompute(Configuration(problem, new ConstantPeriod(4), workers: workers)));
    }

    [Fact]
    public void RunDependentSchedulesHaveNoExactPrediction()
        => Assert.Null(ExactEngine.TryCompute(Configuration(new SeparableQuadratic([1.0], 0.5, 0.5), new AdaLupaLoss(4))));

    [Theory]
    [InlineData("last-average")]
    [InlineData("polyak-ruppert")]
    [InlineData("stich-weighted")]
    public void SeparableQuadraticUsesTheSeparableRecursionWithTheConfigurationsSchedule(string kind)
    {
        OutputIterate output = kind switch { "last-average" => OutputIterate.LastAverage, "polyak-ruppert" => OutputIterate.PolyakRuppert, _ => OutputIterate.StichWeighted(4) };
        var problem = new SeparableQuadratic([1.0, 2.0], 0.5, 0.5);
        var configuration = Configuration(problem, new ConstantPeriod(4), output);
        var prediction = ExactEngine.TryCompute(configuration)!;
        var reference = BruteForceMoments.Separable([1.0, 2.0], 0.5, 0.5, 3, [0.5, 0.5], configuration.StepSize.At, 20,
            new HashSet<int> { 4, 8, 12, 16, 20 }, [5, 12, 20], output.Weight(1) is null ? null : t => output.Weight(t)!.Value);
        Assert.Equal(ExactEngine.SeparableMethod, prediction.Method);
        Assert.Equal([5, 12, 20], prediction.Checkpoints);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(RelativelyClose(reference.Output[i], prediction.OutputErrors[i], 1e-12), $"output at {prediction.Checkpoints[i]}");
            Assert.True(RelativelyClose(reference.Average[i], prediction.AverageErrors[i], 1e-12));
            Assert.True(RelativelyClose(reference.Worker[i], prediction.WorkerErrors[i], 1e-12));
        }
    }

    [Theory]
    [InlineData("last-average")]
    [InlineData("polyak-ruppert")]
    [InlineData("stich-weighted")]
    public void DenseQuadraticIsExactForEveryOutput(string kind)
    {
        OutputIterate output = kind switch { "last-average" => OutputIterate.LastAverage, "polyak-ruppert" => OutputIterate.PolyakRuppert, _ => OutputIterate.StichWeighted(4) };
        var problem = new DenseQuadratic([0.5, 1.0, 2.0], 0.8, 13, [1.0, 0.0, -0.5]);
        var configuration = Configuration(problem, new ConstantPeriod(4), output);
        var prediction = ExactEngine.TryCompute(configuration)!;
        var reference = BruteForceMoments.Dense(problem.HessianMatrix(), Vector<double>.Build.DenseOfEnumerable(problem.Optimum!), 0.8, 3,
            [0.5, 0.5, 0.5], configuration.StepSize.At, 20, new HashSet<int> { 4, 8, 12, 16, 20 }, [5, 12, 20],
            output.Weight(1) is null ? null : t => output.Weight(t)!.Value);
        Assert.Equal(kind == "last-average" ? ExactEngine.DenseMethod : ExactEngine.DenseWeightedMethod, prediction.Method);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(RelativelyClose(reference.Errors.Output[i], prediction.OutputErrors[i], 1e-11), $"output {reference.Errors.Output[i]:R} vs {prediction.OutputErrors[i]:R}");
            Assert.True(RelativelyClose(reference.Errors.Average[i], prediction.AverageErrors[i], 1e-11));
            Assert.True(RelativelyClose(reference.Errors.Worker[i], prediction.WorkerErrors[i], 1e-11));
        }
    }
}
