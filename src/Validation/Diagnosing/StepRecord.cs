using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// What an oracle trace shows about one step s of the implementation, read off the points it queried and the
/// gradients the harness served there: every worker's point x_i^{s−1} and gradient g_i^s, the mean point before the
/// step x̄^{s−1}, the mean point after it x̄^s (the mean of the points queried at s + 1, or the result after the last
/// step), and the mean update r̄^s = (x̄^{s−1} − x̄^s) / η_s. Averaging leaves the mean unchanged, so for a correct
/// implementation r̄^s = ḡ^s whether or not s is a sync step; the bug families are linear or piecewise linear in
/// this relation, which is what makes their parameters estimable.
/// </summary>
/// <param name="Step">s.</param>
/// <param name="StepSize">η_s as declared.</param>
/// <param name="Points">x_i^{s−1}, one row per worker.</param>
/// <param name="Gradients">g_i^s as served, one row per worker.</param>
/// <param name="MeanBefore">x̄^{s−1}.</param>
/// <param name="MeanGradient">ḡ^s = (1/N) Σ_i g_i^s.</param>
/// <param name="MeanUpdate">r̄^s = (x̄^{s−1} − x̄^s) / η_s.</param>
/// <param name="Synced">True when s is a declared sync step.</param>
public sealed record StepRecord(int Step, double StepSize, double[][] Points, double[][] Gradients, double[] MeanBefore, double[] MeanGradient,
    double[] MeanUpdate, bool Synced);

/// <summary>Builds the <see cref="StepRecord"/>s of a trace.</summary>
public static class StepRecords
{
    /// <summary>
    /// One record per step s whose points before and after are known for every worker (after the last step: the
    /// result, when the run asked for the last average). Gradients are recomputed from the oracle, which is a pure
    /// function of (point, replicate, worker, step), so they are the ones the harness served.
    /// </summary>
    public static IReadOnlyList<StepRecord> Of(OracleRun run, ObservedTrace observed)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observed);
        int n = run.Workers, d = run.Dimension;
        var points = new Dictionary<(int Step, int Worker), double[]>();
        foreach (var query in observed.Queries)
            if (query.Worker >= 0 && query.Worker < n && query.Point.Length == d) points.TryAdd((query.Step, query.Worker), query.Point);
        IGradientOracle oracle = run.Problem.CreateOracle(run.Seed);
        var records = new List<StepRecord>();
        for (int step = 1; step <= run.Steps; step++)
        {
            var before = Row(points, step, n);
            if (before is null) continue;
            double[]? meanAfter = Row(points, step + 1, n) is { } after ? Mean(after, d)
                : step == run.Steps && run.Output.Weight(1) is null && observed.Result is { Length: var length } result && length == d ? result
                : null;
            if (meanAfter is null) continue;
            var gradients = new double[n][];
            for (int i = 0; i < n; i++)
            {
                gradients[i] = new double[d];
                oracle.StochasticGradient(before[i], new NoiseAddress(run.Replicate, i, step - 1), gradients[i]);
            }
            double[] meanBefore = Mean(before, d);
            double stepSize = run.StepSizes[step - 1];
            var update = new double[d];
            for (int k = 0; k < d; k++) update[k] = (meanBefore[k] - meanAfter[k]) / stepSize;
            if (!update.All(double.IsFinite) || !gradients.All(row => row.All(double.IsFinite))) continue;
            records.Add(new StepRecord(step, stepSize, before, gradients, meanBefore, Mean(gradients, d), update,
                Array.BinarySearch(run.SyncSteps, step) >= 0));
        }
        return records;
    }

    private static double[][]? Row(Dictionary<(int Step, int Worker), double[]> points, int step, int workers)
    {
        var row = new double[workers][];
        for (int i = 0; i < workers; i++)
        {
            if (!points.TryGetValue((step, i), out var point)) return null;
            row[i] = point;
        }
        return row;
    }

    private static double[] Mean(double[][] rows, int d)
    {
        var mean = new double[d];
        for (int k = 0; k < d; k++)
        {
            double sum = 0;
            foreach (double[] row in rows) sum += row[k];
            mean[k] = sum / rows.Length;
        }
        return mean;
    }
}
