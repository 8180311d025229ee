using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Weight decay left on (y = x − η (g + λ x), as torch.optim.SGD's weight_decay does): the mean update is
/// r̄^s = ḡ^s + λ x̄^{s−1}, so λ is the least-squares slope of r̄ − ḡ on x̄^{s−1} over all recorded steps.
/// </summary>
public static class WeightDecayFamily
{
    /// <summary>The fitted mutation, if the fit is a non-zero λ.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        double decay = LeastSquares.Slope(records.SelectMany(record =>
            record.MeanBefore.Select((x, k) => (x, record.MeanUpdate[k] - record.MeanGradient[k]))));
        if (!double.IsFinite(decay) || Math.Abs(decay) < 1e-12) yield break;
        string estimate = ParameterText.Estimate("λ", decay, records.Select(record => record.Step).ToArray());
        yield return new Mutation(BugClasses.LeftoverWeightDecay,
            $"{estimate}: weight decay is left on, every step adds λ·x to the gradient (y = x − η (g + λ x))",
            LoopVariant.Reference(run) with { WeightDecay = decay }) { Estimate = estimate, Parameter = decay };
    }
}
