using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// The parametric bug families of <see cref="BugClasses.Fitted"/>: each estimates its parameter from the trace (the
/// points the implementation queried and the gradients it was served) and proposes the reference loop mutated with
/// that estimate. The diagnosis accepts a proposal only when replaying it reproduces every query and the output.
/// </summary>
public static class FittedFamilies
{
    /// <summary>Every family's proposals for this trace, in the order of <see cref="BugClasses.Fitted"/>.</summary>
    public static IReadOnlyList<Mutation> Fit(OracleRun run, ObservedTrace observed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observed);
        var records = StepRecords.Of(run, observed);
        var proposals = new List<Mutation>();
        if (records.Count > 0)
        {
            proposals.AddRange(StepScaleFamily.Fit(run, records));
            proposals.AddRange(WeightDecayFamily.Fit(run, records));
            proposals.AddRange(MomentumFamily.Fit(run, records));
            proposals.AddRange(ClippingFamily.Fit(run, records));
            proposals.AddRange(SignFlipFamily.Fit(run, records));
            proposals.AddRange(OptimizerSettingsFamily.Fit(run, records));
        }
        proposals.AddRange(HierarchicalFamily.Fit(run, observed, relativeTolerance));
        return proposals;
    }
}
