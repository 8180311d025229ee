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
    /// <summary>η_{s−1} at step s, and step 1 uses η_T: the index s − 2 wraps to the last entry (Python's <c>step_sizes[-1]</c>).</summary>
    OneStepBehindWrapping,
    /// <summary>η_{s+1} at step s, and step T uses η_1: the index wraps around to the first entry (an index taken modulo T).</summary>
    OneStepAheadWrapping,
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

    /// <summary>
    /// The size of the contiguous groups that average after each of <see cref="SyncSteps"/> (N: all workers), as a
    /// hierarchical schedule declares them; null averages over all workers at every sync step.
    /// </summary>
    public int[]? GroupSizes { get; init; }

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

    /// <summary>
    /// True when the Polyak–Ruppert or weighted output accumulates the loop's own (possibly wrong) combination of the
    /// workers' models after every step, instead of their plain mean: an implementation that computes x̄^t with the
    /// same averaging function it uses at sync steps.
    /// </summary>
    public bool OutputFromCombination { get; init; }

    /// <summary>c in y = x − c·η·g: every step size scaled by a constant factor (1 for the reference).</summary>
    public double StepScale { get; init; } = 1;

    /// <summary>λ in y = x − η (g + λ x): weight decay left on (0 for the reference).</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// β of heavy-ball momentum left on, as torch.optim.SGD does it: v ← β v + g, y = x − η v, one buffer per worker
    /// starting at 0 (0 for the reference).
    /// </summary>
    public double Momentum { get; init; }

    /// <summary>
    /// d of torch.optim.SGD's dampening: v ← β v + (1 − d) g, except that a new buffer starts as g itself (PyTorch
    /// initialises it with the undamped gradient); 0 for the reference.
    /// </summary>
    public double Dampening { get; init; }

    /// <summary>True for Nesterov momentum (torch.optim.SGD's nesterov=True): the step is along g + β v, with v ← β v + g.</summary>
    public bool Nesterov { get; init; }

    /// <summary>True when each worker's momentum buffer is cleared at every averaging (a new optimizer per round); false keeps it.</summary>
    public bool MomentumResetAtSync { get; init; }

    /// <summary>τ of gradient-norm clipping, g ← g·min(1, τ/‖g‖₂) per worker and step; null for none.</summary>
    public double? ClipThreshold { get; init; }

    /// <summary>Workers that step along their gradient (y = x + η g) while the others descend; null for none.</summary>
    public int[]? SignFlippedWorkers { get; init; }

    /// <summary>
    /// True when every worker asks for (and uses) its gradient at the last averaged point (x0 before the first
    /// averaging) instead of its own current point, while still updating its own model.
    /// </summary>
    public bool GradientAtLastAverage { get; init; }

    /// <summary>True when the gradients are all-reduced (averaged over the workers) at every step, as DDP left on does; every worker then takes the same step.</summary>
    public bool AverageGradientsEveryStep { get; init; }

    /// <summary>
    /// Hierarchical averaging as a bug (fitted by the diagnosis): worker i belongs to group <c>Groups[i]</c>; at a sync
    /// step that is not in <see cref="GlobalSyncSteps"/> every group averages only its own members' models. Null averages
    /// globally, or as <see cref="GroupSizes"/> declares; when set it takes the place of <see cref="GroupSizes"/>.
    /// </summary>
    public int[]? Groups { get; init; }

    /// <summary>With <see cref="Groups"/>: the sync steps at which all workers average; the others are group-local.</summary>
    public int[]? GlobalSyncSteps { get; init; }

    /// <summary>A worker whose model is left out of the average: the others' sum is divided by N − 1; null for none.</summary>
    public int? LeftOutWorker { get; init; }

    /// <summary>With <see cref="LeftOutWorker"/>: true when the left-out worker also keeps its own model; false when it receives the others' average.</summary>
    public bool LeftOutKeepsOwnModel { get; init; }

    /// <summary>True for float32 arithmetic: every stored value (point, step, gradient, average) is rounded to single precision.</summary>
    public bool Float32 { get; init; }

    /// <summary>The reference loop of a run.</summary>
    public static LoopVariant Reference(OracleRun run) => new() { SyncSteps = run.SyncSteps, GroupSizes = run.GroupSizes };
}
