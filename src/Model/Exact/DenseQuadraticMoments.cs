using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact mean and covariances of Local SGD on <see cref="DenseQuadratic"/> (additive noise) for any static
/// schedule (claims.md §5).
/// <para>
/// <b>Derivation.</b> Let A = QΛQᵀ and y_i = Qᵀ(x_i − x*). A local step
/// <c>x_i ← x_i − η(A(x_i − x*) + σξ_i)</c> becomes <c>y_i ← M y_i − ησ Qᵀξ_i</c> with <c>M = I − ηΛ</c>
/// diagonal, and <c>Qᵀξ_i ~ N(0, I)</c> (a rotation of an isotropic Gaussian), independent across workers and
/// steps. The means are equal for every worker and for x̄ (all start at x0, averaging a set of equal means changes
/// nothing): <c>m̃ ← M m̃</c> from <c>m̃_0 = Qᵀ(x0 − x*)</c>. The covariance of one worker and the cross-covariance
/// of two workers i ≠ j start at 0 and follow
/// <list type="bullet">
/// <item><c>C_own ← M C_own M + η²σ² I</c> (own noise), <c>C_cross ← M C_cross M</c> (independent noises);</item>
/// <item>at a sync, <c>Cov(x̄) = (1/N²)(N C_own + N(N − 1) C_cross)</c> and every worker becomes x̄, so both become
/// <c>C_own/N + (1 − 1/N) C_cross</c>.</item>
/// </list>
/// M and the noise covariance are diagonal, so both matrices stay diagonal: d numbers each. The average's
/// covariance <c>C̃ = C_own/N + (1 − 1/N) C_cross</c> follows <c>C̃ ← M C̃ M + η²σ² I/N</c> whatever the schedule.
/// Finally <c>E F(x̄) − F* = ½ E[ỹᵀΛỹ] = ½ tr(ΛC̃) + ½ m̃ᵀΛm̃</c>.
/// </para>
/// </summary>
public static class DenseQuadraticMoments
{
    /// <summary>
    /// Runs the recursions for T steps with η_t = <paramref name="stepSize"/>.At(t), averaging after each listed
    /// sync step (strictly increasing within 1..T), recording after each checkpoint step (default: T).
    /// </summary>
    public static DenseMomentTrajectory Compute(DenseQuadratic problem, int workers, IReadOnlyList<double> initialPoint,
        IStepSizeSchedule stepSize, int totalSteps, IReadOnlyList<int> syncSteps, IReadOnlyList<int>? checkpoints = null)
    {
        int d = problem.Dimension;
        MomentArguments.Check(d, workers, initialPoint, stepSize, totalSteps);
        bool[] isSync = MomentArguments.Bitmap("sync_steps", syncSteps, totalSteps);
        int[] checkpointSteps = (checkpoints ?? [totalSteps]).ToArray();
        bool[] isCheckpoint = MomentArguments.Bitmap("checkpoints", checkpointSteps, totalSteps);

        double[] eigenvalues = problem.Eigenvalues.ToArray();
        double[] optimum = problem.Optimum!.ToArray();
        double[] mean = EigenCoordinates(problem, initialPoint);
        var own = new double[d];
        var cross = new double[d];
        double sigma = problem.Noise;
        double inverseWorkers = 1.0 / workers, crossShare = 1.0 - inverseWorkers;
        var trajectory = new DenseMomentTrajectory(checkpointSteps, problem.EigenvectorMatrix(), optimum);
        int recorded = 0;

        for (int t = 0; t < totalSteps; t++)
        {
            double eta = stepSize.At(t);
            double noiseIncrement = eta * eta * sigma * sigma;
            bool average = isSync[t + 1];
            for (int k = 0; k < d; k++)
            {
                double contraction = 1 - eta * eigenvalues[k];
                double contractionSquared = contraction * contraction;
                mean[k] *= contraction;
                double ownNext = contractionSquared * own[k] + noiseIncrement;
                double crossNext = contractionSquared * cross[k];
                if (average)
                {
                    double averaged = ownNext * inverseWorkers + crossShare * crossNext;
                    ownNext = averaged;
                    crossNext = averaged;
                }
                own[k] = ownNext;
                cross[k] = crossNext;
            }

            if (isCheckpoint[t + 1])
            {
                double averageError = 0, workerError = 0;
                for (int k = 0; k < d; k++)
                {
                    double averageVariance = own[k] * inverseWorkers + crossShare * cross[k];
                    double meanSquare = mean[k] * mean[k];
                    averageError += 0.5 * eigenvalues[k] * (averageVariance + meanSquare);
                    workerError += 0.5 * eigenvalues[k] * (own[k] + meanSquare);
                    trajectory.MeansInEigenbasis[recorded][k] = mean[k];
                    trajectory.AverageVariances[recorded][k] = averageVariance;
                    trajectory.WorkerVariances[recorded][k] = own[k];
                    trajectory.CrossCovariances[recorded][k] = cross[k];
                }
                trajectory.AverageErrors[recorded] = averageError;
                trajectory.WorkerErrors[recorded] = workerError;
                recorded++;
            }
        }
        return trajectory;
    }

    /// <summary>ỹ = Qᵀ(x − x*), the coordinates of x − x* along A's eigenvectors.</summary>
    public static double[] EigenCoordinates(DenseQuadratic problem, IReadOnlyList<double> point)
    {
        int d = problem.Dimension;
        ReadOnlySpan<double> basis = problem.EigenvectorsRowMajor;
        IReadOnlyList<double> optimum = problem.Optimum!;
        var coordinates = new double[d];
        for (int k = 0; k < d; k++)
        {
            double sum = 0;
            for (int i = 0; i < d; i++) sum += basis[i * d + k] * (point[i] - optimum[i]);
            coordinates[k] = sum;
        }
        return coordinates;
    }
}
