using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Several SGD settings left on at once — momentum β, weight decay λ and a factor c on the step (with momentum, c can
/// also be torch.optim.SGD's dampening: c = 1 − d): v ← β v + (g + λ x), y = x − c·η·v, so the mean update obeys
/// r̄^s = c ḡ^s + c λ x̄^{s−1} + β r̄^{s−1}, linear in (c, cλ, β). The three are fitted jointly by least squares over
/// consecutive recorded steps (after local steps when there are any); the proposal is made only when two or more
/// differ from neutral, because each alone is its own family. The diagnosis names the combination, e.g.
/// <c>leftover_momentum + step_size_scaled</c>.
/// </summary>
public static class OptimizerSettingsFamily
{
    /// <summary>The fitted combination, if at least two settings are off their neutral values.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        var pairs = records.Zip(records.Skip(1)).Where(pair => pair.Second.Step == pair.First.Step + 1).ToList();
        var local = pairs.Where(pair => !pair.First.Synced).ToList();
        if (local.Count >= 3) pairs = local;
        var normal = new double[3, 3];
        var right = new double[3];
        int equations = 0;
        foreach (var (previous, current) in pairs)
            for (int k = 0; k < current.MeanUpdate.Length; k++)
            {
                double[] row = [current.MeanGradient[k], current.MeanBefore[k], previous.MeanUpdate[k]];
                for (int i = 0; i < 3; i++)
                {
                    right[i] += row[i] * current.MeanUpdate[k];
                    for (int j = 0; j < 3; j++) normal[i, j] += row[i] * row[j];
                }
                equations++;
            }
        if (equations < 3 || LeastSquares.Solve(normal, right) is not { } fit) yield break;
        double scale = fit[0], momentum = fit[2];
        if (!(scale > 0)) yield break;
        double decay = fit[1] / scale;
        bool scaled = Math.Abs(scale - 1) > 1e-9, decayed = Math.Abs(decay) > 1e-9, moving = Math.Abs(momentum) > 1e-9;
        if ((scaled ? 1 : 0) + (decayed ? 1 : 0) + (moving ? 1 : 0) < 2) yield break;
        int[] steps = pairs.Select(pair => pair.Second.Step).ToArray();
        var names = new List<string>();
        var estimates = new List<string>();
        if (moving) { names.Add(BugClasses.LeftoverMomentum); estimates.Add($"β ≈ {ParameterText.Value(momentum)}"); }
        if (decayed) { names.Add(BugClasses.LeftoverWeightDecay); estimates.Add($"λ ≈ {ParameterText.Value(decay)}"); }
        if (scaled) { names.Add(BugClasses.StepSizeScaled); estimates.Add($"c ≈ {ParameterText.Value(scale)}"); }
        string estimate = $"{string.Join(", ", estimates)} from {ParameterText.Steps(steps)}";
        var reference = LoopVariant.Reference(run);
        foreach (bool reset in new[] { false, true })
        {
            if (reset && !moving) continue;
            string buffers = moving ? (reset ? ", momentum buffers cleared at every averaging" : ", momentum buffers kept across the averaging") : "";
            var settings = reference with { Momentum = moving ? momentum : 0, WeightDecay = decayed ? decay : 0, MomentumResetAtSync = reset };
            yield return new Mutation(string.Join(" + ", names),
                $"{estimate}: several optimizer settings are left on together: v ← β v + (g + λ x), y = x − c·η·v{buffers}",
                settings with { StepScale = scaled ? scale : 1 }) { Estimate = estimate };
            // torch.optim.SGD's dampening d scales every gradient but the first one of a buffer by 1 − d.
            if (moving && scaled && scale < 1)
            {
                var damped = names.Where(name => name != BugClasses.StepSizeScaled).Append(BugClasses.MomentumDampening);
                string dampened = estimate.Replace($"c ≈ {ParameterText.Value(scale)}", $"d ≈ {ParameterText.Value(1 - scale)}", StringComparison.Ordinal);
                yield return new Mutation(string.Join(" + ", damped),
                    $"{dampened}: momentum with dampening d is left on (v ← β v + (1 − d) g after the buffer's first step, as torch.optim.SGD(momentum=β, dampening=d)){(decayed ? ", with weight decay" : "")}{buffers}",
                    settings with { Dampening = 1 - scale }) { Estimate = dampened };
            }
        }
    }
}
