using MathNet.Numerics.LinearAlgebra;

namespace LocalSgdVerify.Tests.Exact;

/// <summary>
/// Reference second moments computed another way than the engines: the full second-moment matrix of the joint
/// state (x_1, …, x_N, S) is propagated without using exchangeability, with the averaging and the running sum written
/// as explicit linear maps. Only for tiny N, d, T.
/// </summary>
internal static class BruteForceMoments
{
    public sealed record Errors(double[] Output, double[] Average, double[] Worker);

    /// <summary>
    /// Separable quadratic, per coordinate: v = (x_1..x_N, S), v' = U(E(z)v − η s) with E(z) = diag(b − ηa z_i, 1),
    /// so E[v'v'ᵀ] = U(F ∘ K + η²σ² diag(1..1, 0))Uᵀ where F_ij = E[e_i e_j] (b² + η²a²c² on the worker diagonal, b²
    /// between workers, b between a worker and S, 1 for S), and U averages (if synced; within contiguous groups when
    /// <paramref name="groupSizes"/> gives the step a group size) and adds w·x̄ to S.
    /// </summary>
    public static Errors Separable(double[] curvatures, double multiplicative, double additive, int workers, double[] initial,
        Func<int, double> stepSize, int totalSteps, ISet<int> syncSteps, int[] checkpoints, Func<int, double>? weight,
        IReadOnlyDictionary<int, int>? groupSizes = null)
    {
        int n = workers, size = workers + 1;
        var output = new double[checkpoints.Length];
        var average = new double[checkpoints.Length];
        var worker = new double[checkpoints.Length];
        for (int k = 0; k < curvatures.Length; k++)
        {
            double a = curvatures[k];
            var moments = Matrix<double>.Build.Dense(size, size, (i, j) => i < n && j < n ? initial[k] * initial[k] : 0);
            double weightTotal = 0;
            int recorded = 0;
            for (int t = 0; t < totalSteps; t++)
            {
                double eta = stepSize(t), b = 1 - eta * a, w = weight?.Invoke(t + 1) ?? 0;
                weightTotal += w;
                var afterStep = Matrix<double>.Build.Dense(size, size, (i, j) =>
                {
                    double factor = i < n && j < n ? (i == j ? b * b + eta * eta * a * a * multiplicative * multiplicative : b * b)
                        : (i < n || j < n) ? b : 1;
                    return factor * moments[i, j] + (i == j && i < n ? eta * eta * additive * additive : 0);
                });
                bool sync = syncSteps.Contains(t + 1);
                // Averaging within contiguous groups of g workers (g = N: all of them): row i takes 1/g of each group member.
                int g = sync && groupSizes is not null && groupSizes.TryGetValue(t + 1, out int groupSize) ? groupSize : n;
                var map = Matrix<double>.Build.Dense(size, size, (i, j) =>
                    i < n ? (j < n ? (sync ? (i / g == j / g ? 1.0 / g : 0) : (i == j ? 1 : 0)) : 0)
                          : (j < n ? w / n : 1));
                moments = map * afterStep * map.Transpose();
                if (recorded < checkpoints.Length && checkpoints[recorded] == t + 1)
                {
                    double averageSquare = 0;
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++) averageSquare += moments[i, j] / ((double)n * n);
                    average[recorded] += 0.5 * a * averageSquare;
                    worker[recorded] += 0.5 * a * moments[0, 0];
                    output[recorded] += weight is null ? 0.5 * a * averageSquare : 0.5 * a * moments[n, n] / (weightTotal * weightTotal);
                    recorded++;
                }
            }
        }
        return new Errors(output, average, worker);
    }

    public sealed record DenseState(Errors Errors, Vector<double>[] Means, Matrix<double>[] AverageCovariances, Matrix<double>[] WorkerCovariances);

    /// <summary>
    /// Dense quadratic in the ORIGINAL basis: v = (x_1 − x*, …, x_N − x*, S̃) with S̃ = Σ w_t(x̄^t − x*), each block of
    /// size d; v' = U(B v − ησ ξ) with B = blockdiag(I − ηA, …, I − ηA, I). Mean and second moment are propagated
    /// as full (N+1)d vectors and matrices.
    /// </summary>
    public static DenseState Dense(Matrix<double> hessian, Vector<double> optimum, double noise, int workers, double[] initial,
        Func<int, double> stepSize, int totalSteps, ISet<int> syncSteps, int[] checkpoints, Func<int, double>? weight)
    {
        int d = hessian.RowCount, n = workers, size = (n + 1) * d;
        var start = Vector<double>.Build.Dense(size, i => i < n * d ? initial[i % d] - optimum[i % d] : 0);
        var mean = start;
        var moments = start.OuterProduct(start);
        var identity = Matrix<double>.Build.DenseIdentity(d);
        var output = new double[checkpoints.Length];
        var average = new double[checkpoints.Length];
        var worker = new double[checkpoints.Length];
        var means = new Vector<double>[checkpoints.Length];
        var averageCovariances = new Matrix<double>[checkpoints.Length];
        var workerCovariances = new Matrix<double>[checkpoints.Length];
        double weightTotal = 0;
        int recorded = 0;
        for (int t = 0; t < totalSteps; t++)
        {
            double eta = stepSize(t), w = weight?.Invoke(t + 1) ?? 0;
            weightTotal += w;
            var step = Matrix<double>.Build.Dense(size, size);
            for (int i = 0; i < n; i++) step.SetSubMatrix(i * d, i * d, identity - eta * hessian);
            step.SetSubMatrix(n * d, n * d, identity);
            var noiseCovariance = Matrix<double>.Build.Dense(size, size, (i, j) => i == j && i < n * d ? eta * eta * noise * noise : 0);
            bool sync = syncSteps.Contains(t + 1);
            var map = Matrix<double>.Build.Dense(size, size);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (sync || i == j) map.SetSubMatrix(i * d, j * d, (sync ? 1.0 / n : 1.0) * identity);
            for (int j = 0; j < n; j++) map.SetSubMatrix(n * d, j * d, (w / n) * identity);
            map.SetSubMatrix(n * d, n * d, identity);

            mean = map * (step * mean);
            moments = map * (step * moments * step.Transpose() + noiseCovariance) * map.Transpose();

            if (recorded < checkpoints.Length && checkpoints[recorded] == t + 1)
            {
                var averageSquare = Matrix<double>.Build.Dense(d, d);
                var averageMean = Vector<double>.Build.Dense(d);
                for (int i = 0; i < n; i++)
                {
                    averageMean += mean.SubVector(i * d, d) / n;
                    for (int j = 0; j < n; j++) averageSquare += moments.SubMatrix(i * d, d, j * d, d) / ((double)n * n);
                }
                var workerSquare = moments.SubMatrix(0, d, 0, d);
                average[recorded] = 0.5 * (hessian * averageSquare).Trace();
                worker[recorded] = 0.5 * (hessian * workerSquare).Trace();
                output[recorded] = weight is null ? average[recorded]
                    : 0.5 * (hessian * moments.SubMatrix(n * d, d, n * d, d)).Trace() / (weightTotal * weightTotal);
                means[recorded] = averageMean + optimum;
                averageCovariances[recorded] = averageSquare - averageMean.OuterProduct(averageMean);
                var workerMean = mean.SubVector(0, d);
                workerCovariances[recorded] = workerSquare - workerMean.OuterProduct(workerMean);
                recorded++;
            }
        }
        return new DenseState(new Errors(output, average, worker), means, averageCovariances, workerCovariances);
    }
}
