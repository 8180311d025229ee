using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Heavy-ball momentum left on (v ← β v + g, y = x − η v, one buffer per worker, as torch.optim.SGD's momentum; or its
/// Nesterov form y = x − η (g + β v), fitted by its own slope):
/// the mean update is r̄^s = ḡ^s + β r̄^{s−1}, so β is the least-squares slope of r̄^s − ḡ^s on r̄^{s−1} over
/// consecutive recorded steps. Pairs whose earlier step is a sync step are left out when there are others, so the
/// estimate holds whether the buffers survive the averaging or are reset by it; both are replayed.
/// </summary>
public static class MomentumFamily
{
    /// <summary>The fitted mutations (buffers kept across averaging, and reset by it), if the fit is a non-zero β.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        var pairs = records.Zip(records.Skip(1)).Where(pair => pair.Second.Step == pair.First.Step + 1).ToList();
        var local = pairs.Where(pair => !pair.First.Synced).ToList();
        if (local.Count > 0) pairs = local;
        if (pairs.Count == 0) yield break;
        double momentum = LeastSquares.Slope(pairs.SelectMany(pair =>
            pair.First.MeanUpdate.Select((previous, k) => (previous, pair.Second.MeanUpdate[k] - pair.Second.MeanGradient[k]))));
        if (!double.IsFinite(momentum) || Math.Abs(momentum) < 1e-12) yield break;
        string estimate = ParameterText.Estimate("β", momentum, pairs.Select(pair => pair.Second.Step).ToArray());
        var reference = LoopVariant.Reference(run);
        yield return new Mutation(BugClasses.LeftoverMomentum,
            $"{estimate}: heavy-ball momentum is left on (v ← β v + g, y = x − η v), each worker keeping its buffer across the averaging",
            reference with { Momentum = momentum }) { Estimate = estimate, Parameter = momentum };
        yield return new Mutation(BugClasses.LeftoverMomentum,
            $"{estimate}: heavy-ball momentum is left on (v ← β v + g, y = x − η v), each worker's buffer cleared at every averaging",
            reference with { Momentum = momentum, MomentumResetAtSync = true }) { Estimate = estimate, Parameter = momentum };

        // Nesterov: y = x − η (g + β v) with v ← β v + g, so r̄^s − ḡ^s = β (ḡ^s + r̄^{s−1} − ḡ^{s−1}).
        double nesterov = LeastSquares.Slope(pairs.SelectMany(pair => pair.Second.MeanGradient.Select((gradient, k) =>
            (gradient + pair.First.MeanUpdate[k] - pair.First.MeanGradient[k], pair.Second.MeanUpdate[k] - gradient))));
        if (!double.IsFinite(nesterov) || Math.Abs(nesterov) < 1e-12) yield break;
        string nesterovEstimate = ParameterText.Estimate("β", nesterov, pairs.Select(pair => pair.Second.Step).ToArray());
        foreach (bool reset in new[] { false, true })
            yield return new Mutation(BugClasses.LeftoverMomentum,
                $"{nesterovEstimate}: Nesterov momentum is left on (v ← β v + g, y = x − η (g + β v)), each worker {(reset ? "clearing its buffer at every averaging" : "keeping its buffer across the averaging")}",
                reference with { Momentum = nesterov, Nesterov = true, MomentumResetAtSync = reset }) { Estimate = nesterovEstimate, Parameter = nesterov };
    }
}
