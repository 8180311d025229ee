namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// The names of the bug classes a diagnosis can report (stable snake_case, shared with the <c>--bug</c> variants of
/// adapters/python/local_sgd.py and documented in docs/protocol.md). Each names a way real Local SGD code departs
/// from claims.md §1.
/// </summary>
public static class BugClasses
{
    /// <summary>Averages one step after each declared sync step (a counter checked after it was advanced).</summary>
    public const string SyncOneStepLate = "sync_one_step_late";

    /// <summary>Averages one step before each declared sync step (a counter advanced once too often, or counted from 1 where 0 was meant).</summary>
    public const string SyncOneStepEarly = "sync_one_step_early";

    /// <summary>
    /// PyTorch's PeriodicModelAverager used with warmup_steps = 0: its counter is 0-based and it averages on its first
    /// call, so with period H it averages after steps 1, H+1, 2H+1, … instead of H, 2H, ….
    /// </summary>
    public const string PytorchZeroBasedWarmup = "pytorch_zero_based_warmup";

    /// <summary>Every averaging shifted by k ≥ 2 steps (an undeclared or repeated warm-up).</summary>
    public const string WarmupOffset = "warmup_offset";

    /// <summary>The step counter advances twice per step: averages after every s with 2s ∈ I.</summary>
    public const string CounterAdvancesTwice = "counter_advances_twice";

    /// <summary>No averaging after the last step; the output is one worker's model.</summary>
    public const string NoFinalSync = "no_final_sync";

    /// <summary>Only worker 0 receives the average (a reduce where an all-reduce was needed).</summary>
    public const string AverageNotBroadcast = "average_not_broadcast";

    /// <summary>The sum of the models is divided by N − 1.</summary>
    public const string DivisorNMinus1 = "divisor_n_minus_1";

    /// <summary>The models are summed but not divided.</summary>
    public const string SumNotDivided = "sum_not_divided";

    /// <summary>The models are averaged with unequal weights (e.g. by differing example counts).</summary>
    public const string UnequalWeights = "unequal_weights";

    /// <summary>The step-size schedule advances once per round, not once per step.</summary>
    public const string StepSizeIndexedByRound = "step_size_indexed_by_round";

    /// <summary>Step s uses η_{s+1} (the scheduler is stepped before the optimizer).</summary>
    public const string StepSizeOneStepAhead = "step_size_one_step_ahead";

    /// <summary>Step s uses η_{s−1}.</summary>
    public const string StepSizeOneStepBehind = "step_size_one_step_behind";

    /// <summary>Some worker does not start from x0.</summary>
    public const string WorkersNotStartingFromX0 = "workers_not_starting_from_x0";

    /// <summary>Gradient ascent: y = x + η g.</summary>
    public const string GradientSignFlipped = "gradient_sign_flipped";

    /// <summary>DiLoCo-style outer step with the pseudo-gradient's sign flipped: x_prev + (x_prev − average).</summary>
    public const string PseudoGradientSignFlipped = "pseudo_gradient_sign_flipped";

    /// <summary>A worker's model is updated with the gradient another worker asked for (an off-by-one index into the gradients).</summary>
    public const string GradientForWrongWorker = "gradient_for_wrong_worker";

    /// <summary>Local steps counted as micro-batches: several steps' gradients drawn at one point and applied once, averaged.</summary>
    public const string LocalStepsCountedAsMicroBatches = "local_steps_counted_as_micro_batches";

    /// <summary>The output is another iterate than the one requested (e.g. x̄^T instead of the Polyak–Ruppert average).</summary>
    public const string WrongOutputIterate = "wrong_output_iterate";

    /// <summary>
    /// The periodic averaging never happens: every worker runs plain SGD, and either worker 0's model is returned or
    /// only a final averaging on exit combines them (one-shot averaging instead of the declared schedule).
    /// </summary>
    public const string NeverAverages = "never_averages";

    /// <summary>
    /// The workers take the same averaged step every step: the gradients are all-reduced at every step (DDP left on
    /// under Local SGD) or the models are averaged after every step, whatever the schedule says.
    /// </summary>
    public const string AveragesEveryStep = "averages_every_step";

    /// <summary>One worker's model is left out of the average (a loop over N − 1 workers, or a rank excluded from the group).</summary>
    public const string WorkerLeftOutOfAverage = "worker_left_out_of_average";

    /// <summary>The gradient is evaluated at the last averaged point instead of the worker's own current point.</summary>
    public const string GradientAtAveragedPoint = "gradient_at_averaged_point";

    /// <summary>Heavy-ball momentum left on (v ← β v + g, y = x − η v); the diagnosis estimates β.</summary>
    public const string LeftoverMomentum = "leftover_momentum";

    /// <summary>Momentum with dampening d (v ← β v + (1 − d) g, torch.optim.SGD's dampening); named together with leftover_momentum.</summary>
    public const string MomentumDampening = "momentum_dampening";

    /// <summary>Weight decay left on (y = x − η (g + λ x)); the diagnosis estimates λ.</summary>
    public const string LeftoverWeightDecay = "leftover_weight_decay";

    /// <summary>Gradient-norm clipping (g ← g·min(1, τ/‖g‖)); the diagnosis estimates τ.</summary>
    public const string GradientClipping = "gradient_clipping";

    /// <summary>Every step size scaled by a constant factor c (e.g. a linear scaling rule applied twice); the diagnosis estimates c.</summary>
    public const string StepSizeScaled = "step_size_scaled";

    /// <summary>Some but not all workers step along the gradient instead of against it.</summary>
    public const string GradientSignFlippedOnSomeWorkers = "gradient_sign_flipped_on_some_workers";

    /// <summary>Hierarchical averaging: groups of workers average among themselves, and all workers only at some syncs.</summary>
    public const string HierarchicalAveraging = "hierarchical_averaging";

    /// <summary>Deviations at the level of float32 rounding (≈ 1e-7 relative) with no structure of a bug.</summary>
    public const string Float32Arithmetic = "float32_arithmetic";

    /// <summary>Deviations just above the tolerance, too small for float32 and without the structure of a bug: another summation order or mixed precision.</summary>
    public const string PrecisionLevelDeviation = "precision_level_deviation";

    /// <summary>The implementation sent a second <c>result</c> for a run.</summary>
    public const string ResultSentTwice = "result_sent_twice";

    /// <summary>The implementation sent a message of a run after that run's <c>result</c>.</summary>
    public const string MessageAfterResult = "message_after_result";

    /// <summary>Every worker stopped at the same step before T and the result came early.</summary>
    public const string RunEndedEarly = "run_ended_early";

    /// <summary>A <c>sync</c> report names a step after the last step T.</summary>
    public const string SyncAfterLastStep = "sync_after_last_step";

    /// <summary>The implementation broke the protocol in a run (a message the state table forbids, a field out of range).</summary>
    public const string ProtocolViolation = "protocol_violation";

    /// <summary>The implementation sent <c>error</c> and gave up on the run.</summary>
    public const string ImplementationError = "implementation_error";

    /// <summary>A worker's gradient for a step was requested twice (a worker repeated, or several gradients per step).</summary>
    public const string WorkerRepeated = "worker_repeated";

    /// <summary>A worker or a step was skipped.</summary>
    public const string WorkerSkipped = "worker_skipped";

    /// <summary>A worker went past an averaging step before every worker had reached it.</summary>
    public const string SyncBarrierCrossed = "sync_barrier_crossed";

    /// <summary>The points match but the sync reports disagree with I, and no known bug explains them.</summary>
    public const string SyncReportsDisagree = "sync_reports_disagree";

    /// <summary>No known bug class reproduces the trace; the first divergence is reported.</summary>
    public const string Unexplained = "unexplained_divergence";

    /// <summary>Every bug class a mutation of the reference loop reproduces, in the order the diagnosis prefers them.</summary>
    public static IReadOnlyList<string> Reproducible { get; } =
    [
        SyncOneStepLate, SyncOneStepEarly, PytorchZeroBasedWarmup, CounterAdvancesTwice, NoFinalSync, WarmupOffset,
        AverageNotBroadcast, DivisorNMinus1, SumNotDivided, UnequalWeights, StepSizeIndexedByRound, StepSizeOneStepAhead,
        StepSizeOneStepBehind, WorkersNotStartingFromX0, GradientSignFlipped, PseudoGradientSignFlipped,
        GradientForWrongWorker, LocalStepsCountedAsMicroBatches, WrongOutputIterate, NeverAverages, AveragesEveryStep,
        WorkerLeftOutOfAverage, GradientAtAveragedPoint,
    ];

    /// <summary>
    /// The parametric bug families the diagnosis fits to the trace (estimating their parameter from the queried points
    /// and served gradients) and then confirms by replaying the reference with the estimate, in the order it prefers them.
    /// </summary>
    public static IReadOnlyList<string> Fitted { get; } =
    [
        StepSizeScaled, LeftoverWeightDecay, LeftoverMomentum, GradientClipping, GradientSignFlippedOnSomeWorkers, HierarchicalAveraging,
    ];
}
