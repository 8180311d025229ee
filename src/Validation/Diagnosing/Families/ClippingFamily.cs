using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Gradient-norm clipping (g ← g·min(1, τ/‖g‖₂) per worker and step, as torch.nn.utils.clip_grad_norm_): with C_s the
/// workers whose gradient is longer than τ, N r̄^s = Σ_{i∉C_s} g_i + τ Σ_{i∈C_s} g_i/‖g_i‖, which is linear in τ
/// while the sets C_s stay fixed. The fit tries every interval between consecutive gradient norms, solves the linear
/// least squares for τ there, and keeps the solution that lies in its own interval with the smallest residual.
/// </summary>
public static class ClippingFamily
{
    /// <summary>The fitted mutation, if some threshold below the largest gradient norm explains the mean updates.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) yield break;
        var norms = records.Select(record => record.Gradients.Select(Norm).ToArray()).ToArray();
        double[] breaks = norms.SelectMany(row => row).Where(norm => norm > 0).Distinct().Order().ToArray();
        double bestResidual = double.PositiveInfinity, bestThreshold = double.NaN;
        for (int interval = 0; interval < breaks.Length; interval++)
        {
            double low = interval == 0 ? 0 : breaks[interval - 1], high = breaks[interval];
            // τ in [low, high): every gradient with norm ≥ high is clipped.
            var (threshold, residual) = Solve(records, norms, high);
            if (!(threshold >= low && threshold < high) || residual >= bestResidual) continue;
            bestResidual = residual;
            bestThreshold = threshold;
        }
        if (!double.IsFinite(bestThreshold) || bestThreshold <= 0) yield break;
        var clipped = records.Where((record, index) => norms[index].Any(norm => norm > bestThreshold)).Select(record => record.Step).ToArray();
        string estimate = ParameterText.Estimate("τ", bestThreshold, clipped);
        yield return new Mutation(BugClasses.GradientClipping,
            $"{estimate}: every gradient longer than τ is scaled down to norm τ before the step (gradient-norm clipping left on; {clipped.Length} of {records.Count} recorded steps clipped)",
            LoopVariant.Reference(run) with { ClipThreshold = bestThreshold }) { Estimate = estimate, Parameter = bestThreshold };
    }

    /// <summary>Least squares for τ with every gradient of norm ≥ <paramref name="clippedFrom"/> clipped; the residual sum of squares.</summary>
    private static (double Threshold, double Residual) Solve(IReadOnlyList<StepRecord> records, double[][] norms, double clippedFrom)
    {
        int d = records[0].MeanUpdate.Length;
        var terms = new List<(double[] Constant, double[] Slope)>();
        for (int index = 0; index < records.Count; index++)
        {
            var record = records[index];
            int n = record.Gradients.Length;
            var constant = new double[d];
            var slope = new double[d];
            for (int k = 0; k < d; k++) constant[k] = n * record.MeanUpdate[k];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < d; k++)
                {
                    if (norms[index][i] >= clippedFrom) slope[k] += record.Gradients[i][k] / norms[index][i];
                    else constant[k] -= record.Gradients[i][k];
                }
            terms.Add((constant, slope));
        }
        double threshold = LeastSquares.Slope(terms.SelectMany(term => term.Slope.Zip(term.Constant)));
        if (!double.IsFinite(threshold)) return (double.NaN, double.PositiveInfinity);
        double residual = terms.Sum(term => term.Constant.Zip(term.Slope).Sum(pair => Math.Pow(pair.First - threshold * pair.Second, 2)));
        return (threshold, residual);
    }

    private static double Norm(double[] vector) => Math.Sqrt(vector.Sum(value => value * value));
}
