namespace LocalSgdVerify.Model.Communication;

/// <summary>Synchronous (mini-batch) SGD: I = {1..T}; all workers are equal after every step.</summary>
public sealed class EveryStep : FixedSyncSchedule
{
    /// <inheritdoc/>
    public override string Kind => "every-step";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>();

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context) => Enumerable.Range(1, context.TotalSteps);
}
