using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact moments of Local SGD on the separable quadratic when averagings may be within contiguous, nested groups of
/// workers (hierarchical schedules, claims.md §5): the recursion of <see cref="SeparableQuadraticMoments"/> with the
/// one cross moment r split by how closely two workers are related.
/// <para>
/// <b>Derivation.</b> Let 1 = g_0 &lt; g_1 &lt; … &lt; g_M = N be the group sizes that occur (each dividing the next, so
/// the groups nest). Two workers i ≠ j are of class c when the smallest group containing both has size g_c; every
/// worker has n_c = g_c − g_{c−1} partners of class c. The symmetries of the nested blocks act transitively on the
/// workers and on the pairs of each class, and every step and averaging commutes with them, so q = E[x_i²] and
/// r_c = E[x_i x_j] (class c) describe all second moments. A local step is as in the flat case: q ← (b² + η²a²c²) q + η²σ²,
/// r_c ← b² r_c. Averaging within groups of size g_m sets x_i to the mean of its group G: for i, j in one group,
/// E[x_i' x_j'] = (1/g_m²) Σ_{u,v ∈ G} E[x_u x_v] = (q + Σ_{c ≤ m} n_c r_c)/g_m =: A, so q = r_c = A for c ≤ m; for a
/// pair of class c &gt; m every u ∈ G(i), v ∈ G(j) is again of class c, so r_c is unchanged. The virtual average has
/// E[x̄²] = (q + Σ_c n_c r_c)/N, and the weighted-output moments P, Q follow exactly the flat recursion with this E[x̄²]
/// (E[S x_i] is the same for every i by the same symmetry, and a group mean of equal values keeps it).
/// With every averaging over all N workers this is the flat recursion (one class, n_1 = N − 1).
/// </para>
/// Cost: O(T·d·M) time, O(d·M) memory.
/// </summary>
public static class HierarchicalQuadraticMoments
{
    /// <summary>
    /// Runs the recursions for T steps with η_t = <paramref name="stepSize"/>.At(t), averaging after each of
    /// <paramref name="syncSteps"/> within contiguous groups of <paramref name="groupSizes"/>[j] workers (N: all), and
    /// records the errors after each checkpoint (default: T). The group sizes must divide N and nest (sorted, each divides the next).
    /// </summary>
    public static SeparableMomentTrajectory Compute(SeparableQuadratic problem, int workers, IReadOnlyList<double> initialPoint,
        IStepSizeSchedule stepSize, int totalSteps, IReadOnlyList<int> syncSteps, IReadOnlyList<int> groupSizes,
        IReadOnlyList<int>? checkpoints = null, OutputIterate? output = null)
    {
        int d = problem.Dimension;
        MomentArguments.Check(d, workers, initialPoint, stepSize, totalSteps);
        MomentArguments.Bitmap("sync_steps", syncSteps, totalSteps);
        if (groupSizes.Count != syncSteps.Count)
            throw new ProblemParameterException("group_sizes", $"a list of length {groupSizes.Count}", $"one group size per sync step ({syncSteps.Count})");
        int[] sizes = Hierarchy(groupSizes, workers);
        int classes = sizes.Length - 1;
        var partners = new double[classes + 1];
        for (int c = 1; c <= classes; c++) partners[c] = sizes[c] - sizes[c - 1];
        var levelAfter = new int[totalSteps + 1];   // class index m of the averaging after each step, 0 for none
        for (int j = 0; j < syncSteps.Count; j++) levelAfter[syncSteps[j]] = Array.IndexOf(sizes, groupSizes[j]);

        int[] checkpointSteps = (checkpoints ?? [totalSteps]).ToArray();
        bool[] isCheckpoint = MomentArguments.Bitmap("checkpoints", checkpointSteps, totalSteps);
        output ??= OutputIterate.LastAverage;
        bool weighted = output.Weight(1) is not null;

        var curvatures = problem.Curvatures.ToArray();
        double c2 = problem.MultiplicativeNoise * problem.MultiplicativeNoise, sigma2 = problem.AdditiveNoise * problem.AdditiveNoise;
        var own = new double[d];
        var cross = new double[d, classes + 1];
        var weightedMean = new double[d];
        var weightedSquare = new double[d];
        for (int k = 0; k < d; k++)
        {
            own[k] = initialPoint[k] * initialPoint[k];
            for (int c = 1; c <= classes; c++) cross[k, c] = own[k];
        }

        double weightTotal = 0;
        var trajectory = new SeparableMomentTrajectory(checkpointSteps, d, recordCoordinates: false);
        int recorded = 0;
        for (int t = 0; t < totalSteps; t++)
        {
            double eta = stepSize.At(t);
            int completed = t + 1, level = levelAfter[completed];
            double weight = weighted ? output.Weight(completed)!.Value : 0;
            weightTotal += weight;
            for (int k = 0; k < d; k++)
            {
                double a = curvatures[k], b = 1 - eta * a, bSquared = b * b;
                double q = (bSquared + eta * eta * a * a * c2) * own[k] + eta * eta * sigma2;
                double pairs = 0;
                for (int c = 1; c <= classes; c++)
                {
                    cross[k, c] *= bSquared;
                    pairs += partners[c] * cross[k, c];
                }
                if (weighted)
                {
                    double averageSquare = (q + pairs) / workers;
                    double previous = b * weightedMean[k];
                    weightedSquare[k] += 2 * weight * previous + weight * weight * averageSquare;
                    weightedMean[k] = previous + weight * averageSquare;
                }
                if (level > 0)
                {
                    double groupPairs = 0;
                    for (int c = 1; c <= level; c++) groupPairs += partners[c] * cross[k, c];
                    double shared = (q + groupPairs) / sizes[level];
                    q = shared;
                    for (int c = 1; c <= level; c++) cross[k, c] = shared;
                }
                own[k] = q;
            }

            if (isCheckpoint[completed])
            {
                double averageError = 0, workerError = 0, outputError = 0;
                for (int k = 0; k < d; k++)
                {
                    double pairs = 0;
                    for (int c = 1; c <= classes; c++) pairs += partners[c] * cross[k, c];
                    averageError += 0.5 * curvatures[k] * (own[k] + pairs) / workers;
                    workerError += 0.5 * curvatures[k] * own[k];
                    outputError += 0.5 * curvatures[k] * weightedSquare[k];
                }
                trajectory.AverageErrors[recorded] = averageError;
                trajectory.WorkerErrors[recorded] = workerError;
                trajectory.OutputErrors[recorded] = weighted ? outputError / (weightTotal * weightTotal) : averageError;
                recorded++;
            }
        }
        return trajectory;
    }

    /// <summary>1 = g_0 &lt; g_1 &lt; … &lt; g_M = N: the group sizes that occur, with 1 and N, checked to nest.</summary>
    private static int[] Hierarchy(IReadOnlyList<int> groupSizes, int workers)
    {
        var sizes = groupSizes.Append(1).Append(workers).Distinct().Order().ToArray();
        for (int c = 0; c < sizes.Length; c++)
        {
            if (sizes[c] < 1 || sizes[c] > workers || workers % sizes[c] != 0)
                throw new ProblemParameterException("group_sizes", sizes[c].ToString(System.Globalization.CultureInfo.InvariantCulture), $"group sizes that divide N = {workers}");
            if (c > 0 && sizes[c] % sizes[c - 1] != 0)
                throw new ProblemParameterException("group_sizes", sizes[c].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"nested groups: each group size a multiple of the next smaller one ({sizes[c - 1]})");
        }
        return sizes;
    }
}
