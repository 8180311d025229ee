namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// One-shot averaging (OSA): I = {T}. Asymptotically optimal when F is twice differentiable near x*
/// (Spiridonoff et al., NeurIPS 2021, abstract).
/// </summary>
public sealed class OneShot : FixedSyncSchedule
{
    /// <inheritdoc/>
    public override string Kind => "one-shot";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>();

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context) => [context.TotalSteps];
}
