namespace LocalSgdVerify.Validation.Oracle;

/// <summary>How the workers' models are combined at a sync step.</summary>
public enum AveragingRule
{
    /// <summary>(1/N) Σ_j y_j, summed in worker order (the reference).</summary>
    Mean,
    /// <summary>Σ_j y_j / (N − 1): the divisor is off by one.</summary>
    DivideByWorkersMinusOne,
    /// <summary>Σ_j y_j: the sum is never divided.</summary>
    SumWithoutDividing,
    /// <summary>Σ_j w_j y_j with w_j = (j + 1) / Σ_k (k + 1): unequal weights, as when workers are weighted by differing example counts.</summary>
    WeightedByWorkerIndex,
}

/// <summary>Which workers receive the average.</summary>
public enum BroadcastRule
{
    /// <summary>Every worker (the reference).</summary>
    AllWorkers,
    /// <summary>Only worker 0 (a reduce where an all-reduce was needed); the others keep their local models.</summary>
    WorkerZeroOnly,
}

/// <summary>Which η a step uses.</summary>
public enum StepSizeRule
{
    /// <summary>η_s at step s (the reference).</summary>
    AsDeclared,
    /// <summary>η_{s+1} at step s (the scheduler stepped before the optimizer); the last step keeps η_T.</summary>
    OneStepAhead,
    /// <summary>η_{s−1} at step s (the scheduler lags one step); step 1 uses η_1.</summary>
    OneStepBehind,
    /// <summary>η_{r+1} during round r (r = number of averagings so far): the scheduler is stepped once per round.</summary>
    IndexedByRound,
}

/// <summary>
/// A Local SGD loop, either the reference (<see cref="Reference"/>) or a "mutation" of it that reproduces one known
/// class of implementation bug. <see cref="VariantLoop"/> runs it against the problem's seeded oracle; the diagnosis
/// compares the traces of the mutations with the implementation's trace.
/// </summary>
public sealed record LoopVariant
{
    /// <summary>The set of steps after which the loop averages (the reference: the run's I).</summary>
    public required int[] SyncSteps { get; init; }

    /// <summary>Per-worker starting points; null means every worker starts at x0.</summary>
    public double[][]? StartPoints { get; init; }

    /// <summary>Which η each step uses.</summary>
    public StepSizeRule StepSize { get; init; } = StepSizeRule.AsDeclared;

    /// <summary>True for the ascent step y = x + η g instead of y = x − η g.</summary>
    public bool FlipGradientSign { get; init; }

    /// <summary>How the models are combined.</summary>
    public AveragingRule Averaging { get; init; } = AveragingRule.Mean;

    /// <summary>Who receives the combination.</summary>
    public BroadcastRule Broadcast { get; init; } = BroadcastRule.AllWorkers;

    /// <summary>
    /// DiLoCo-style outer step with a flipped pseudo-gradient: with Δ = x_prev − average (x_prev the model after the
    /// previous averaging, x0 at first), the workers get x_prev + Δ instead of x_prev − Δ = average.
    /// </summary>
    public bool FlipPseudoGradient { get; init; }

    /// <summary>
    /// Worker i is updated with the gradient worker (i + shift) mod N asked for (at that worker's point); 0 for the
    /// reference. (A permutation of the noise streams alone would be harmless: workers are exchangeable.)
    /// </summary>
    public int GradientShift { get; init; }

    /// <summary>
    /// k &gt; 1: the loop counts micro-batches as steps — it draws k consecutive steps' gradients at one point and
    /// applies their mean once, with the η of the group's last step (groups end at multiples of k and at T).
    /// </summary>
    public int MicroBatches { get; init; } = 1;

    /// <summary>The iterate the loop returns instead of the requested one (e.g. x̄^T when the run asked for the Polyak–Ruppert average); null for the requested one.</summary>
    public Model.Algorithm.OutputIterate? OutputOverride { get; init; }

    /// <summary>The reference loop of a run.</summary>
    public static LoopVariant Reference(OracleRun run) => new() { SyncSteps = run.SyncSteps };
}
