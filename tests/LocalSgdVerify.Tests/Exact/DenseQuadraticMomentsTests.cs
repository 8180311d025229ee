using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static LocalSgdVerify.Tests.Exact.ExactTestSupport;

namespace LocalSgdVerify.Tests.Exact;

public sealed class DenseQuadraticMomentsTests
{
    private sealed record Case(int Steps, int[] Sync, int Workers, double Noise, double[] Start, int DataSeed, bool Decaying);

    private static Arbitrary<Case> Cases(int dimension, int maxWorkers) =>
        Schedules(20).SelectMany(schedule =>
            Gen.Choose(1, maxWorkers).SelectMany(workers =>
                Between(0, 1.5).SelectMany(sigma =>
                    Between(-2, 2).ArrayOf(dimension).SelectMany(x0 =>
                        Gen.Choose(0, 1000).SelectMany(seed =>
                            Gen.Elements(true, false).Select(decaying => new Case(schedule.Steps, schedule.Sync, workers, sigma, x0, seed, decaying)))))))
        .ToArbitrary();

    private static IStepSizeSchedule StepSize(Case c) => c.Decaying ? new InverseTimeStepSize(1.2, 2) : new ConstantStepSize(0.3);

    [Fact]
    public void DiagonalHessianGivesTheSeparableEngineWithoutMultiplicativeNoise()
    {
        double[] spectrum = [0.5, 1.5, 3.0];
        Prop.ForAll(Cases(3, 6), c =>
        {
            var dense = DenseQuadratic.WithEigenvectors(spectrum, Matrix<double>.Build.DenseIdentity(3), c.Noise);
            var separable = new SeparableQuadratic(spectrum, 0, c.Noise);
            int[] checkpoints = Enumerable.Range(1, c.Steps).ToArray();
            var fromDense = DenseQuadraticMoments.Compute(dense, c.Workers, c.Start, StepSize(c), c.Steps, c.Sync, checkpoints);
            var fromSeparable = SeparableQuadraticMoments.Compute(separable, c.Workers, c.Start, StepSize(c), c.Steps, c.Sync, checkpoints, recordCoordinates: true);
            for (int i = 0; i < checkpoints.Length; i++)
            {
                if (!RelativelyClose(fromSeparable.AverageErrors[i], fromDense.AverageErrors[i], 1e-12)) return false;
                if (!RelativelyClose(fromSeparable.WorkerErrors[i], fromDense.WorkerErrors[i], 1e-12)) return false;
                for (int k = 0; k < 3; k++)
                {
                    double mean = fromDense.MeansInEigenbasis[i][k];
                    // Raw second moments = variance + mean² on both sides.
                    if (!RelativelyClose(fromSeparable.AverageSecondMoments![i][k], fromDense.AverageVariances[i][k] + mean * mean, 1e-12)) return false;
                    if (!RelativelyClose(fromSeparable.WorkerSecondMoments![i][k], fromDense.WorkerVariances[i][k] + mean * mean, 1e-12)) return false;
                }
            }
            return true;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void AgreesWithTheFullCovarianceRecursionInTheOriginalBasis()
    {
        double[] spectrum = [0.4, 1.0, 2.5];
        Prop.ForAll(Cases(3, 3), c =>
        {
            var problem = new DenseQuadratic(spectrum, c.Noise, (ulong)c.DataSeed, [0.5, -1.0, 0.25]);
            int[] checkpoints = Enumerable.Range(1, c.Steps).ToArray();
            var engine = DenseQuadraticMoments.Compute(problem, c.Workers, c.Start, StepSize(c), c.Steps, c.Sync, checkpoints);
            var reference = BruteForceMoments.Dense(problem.HessianMatrix(), Vector<double>.Build.DenseOfEnumerable(problem.Optimum!), c.Noise,
                c.Workers, c.Start, StepSize(c).At, c.Steps, c.Sync.ToHashSet(), checkpoints, null);
            for (int i = 0; i < checkpoints.Length; i++)
            {
                if (!RelativelyClose(reference.Errors.Average[i], engine.AverageErrors[i], 1e-11)) return false.Label($"average error at {i + 1}");
                if (!RelativelyClose(reference.Errors.Worker[i], engine.WorkerErrors[i], 1e-11)) return false.Label($"worker error at {i + 1}");
                double scale = 1 + reference.Means[i].InfinityNorm() + reference.WorkerCovariances[i].InfinityNorm();
                if ((engine.Mean(i) - reference.Means[i]).InfinityNorm() > 1e-12 * scale) return false.Label($"mean at {i + 1}");
                if ((engine.AverageCovariance(i) - reference.AverageCovariances[i]).InfinityNorm() > 1e-12 * scale) return false.Label($"average covariance at {i + 1}");
                if ((engine.WorkerCovariance(i) - reference.WorkerCovariances[i]).InfinityNorm() > 1e-12 * scale) return false.Label($"worker covariance at {i + 1}");
            }
            return true.ToProperty();
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void AverageCovarianceIsTheSameForEveryScheduleButAWorkersIsNot()
    {
        var problem = new DenseQuadratic(DenseQuadratic.LinearSpectrum(4, 0.5, 2), 1.0, 3);
        double[] x0 = [1.0, 0.0, -1.0, 2.0];
        var eta = new ConstantStepSize(0.2);
        var oneShot = DenseQuadraticMoments.Compute(problem, 8, x0, eta, 50, [50], [25]);
        var period5 = DenseQuadraticMoments.Compute(problem, 8, x0, eta, 50, Enumerable.Range(1, 10).Select(r => 5 * r).ToArray(), [25]);
        for (int k = 0; k < 4; k++)
            Assert.True(RelativelyClose(oneShot.AverageVariances[0][k], period5.AverageVariances[0][k], 1e-12));
        // At t = 25 the period-5 workers were averaged at step 25, the one-shot workers never: their own variance is larger.
        for (int k = 0; k < 4; k++)
            Assert.True(oneShot.WorkerVariances[0][k] > period5.WorkerVariances[0][k] * 1.01);
        // C̃ = C_own/N + (1 − 1/N)C_cross: right after a sync both equal C̃.
        Assert.Equal(period5.AverageVariances[0][2], period5.WorkerVariances[0][2], 14);
    }
}
