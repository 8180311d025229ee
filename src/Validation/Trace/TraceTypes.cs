namespace LocalSgdVerify.Validation.Trace;

/// <summary>The header of a training-run trace: N, T and the declared communication schedule, resolved to its set I.</summary>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
/// <param name="ScheduleKind">The declared schedule's kind, as written (scenario vocabulary, e.g. <c>constant-period</c>).</param>
/// <param name="Schedule">I: the steps after which the workers must average, ending with T, produced on demand.</param>
public sealed record TraceHeader(int Workers, int Steps, string ScheduleKind, DeclaredSchedule Schedule)
{
    /// <summary>I in increasing order (walked anew on each enumeration).</summary>
    public IEnumerable<int> SyncSteps => Schedule.Steps();
}

/// <summary>The kinds of mismatch between a trace and its declared schedule (the <c>code</c> of each mismatch).</summary>
public static class TraceMismatchCodes
{
    /// <summary>A sync the schedule declares is not in the trace.</summary>
    public const string MissingSync = "missing_sync";
    /// <summary>A sync the schedule does not declare.</summary>
    public const string ExtraSync = "extra_sync";
    /// <summary>A declared sync logged some steps early or late (a missing and an extra sync that pair up).</summary>
    public const string ShiftedSync = "shifted_sync";
    /// <summary>A declared sync whose workers averaged in groups of another size than the schedule declares for that step.</summary>
    public const string WrongGroupSize = "wrong_group_size";
    /// <summary>The same sync step logged twice.</summary>
    public const string DuplicateSync = "duplicate_sync";
    /// <summary>A sync logged before its step finished or after a later step began.</summary>
    public const string SyncOutOfOrder = "sync_out_of_order";
    /// <summary>Steps skipped: the step number jumped by more than one.</summary>
    public const string MissingSteps = "missing_steps";
    /// <summary>A step number repeated or went backwards.</summary>
    public const string NonMonotoneStep = "non_monotone_step";
    /// <summary>A step outside 1..T or a worker outside 0..N−1.</summary>
    public const string OutOfRange = "out_of_range";
    /// <summary>A loss that is NaN or infinite.</summary>
    public const string NonFiniteLoss = "non_finite_loss";
    /// <summary>The trace ends before step T (for some worker).</summary>
    public const string RunIncomplete = "run_incomplete";
}

/// <summary>One mismatch: its code, the line of the trace where it shows (0 when it concerns the whole file), the step and worker, and a sentence.</summary>
public sealed record TraceMismatch(string Code, long Line, int? Step, int? Worker, string Message);

/// <summary>
/// The result of checking a trace: its header, the mismatches in line order (the first
/// <see cref="MismatchesKept"/> of <see cref="MismatchCount"/>), their counts per code, and line counts.
/// </summary>
public sealed record TraceCheckResult(
    string Source, TraceHeader Header, IReadOnlyList<TraceMismatch> Mismatches, long MismatchCount, IReadOnlyDictionary<string, long> CountsByCode,
    long Lines, long StepLines, long SyncLines, long IgnoredLines)
{
    /// <summary>How many mismatches a result lists at most; all are counted.</summary>
    public const int MismatchesKept = MismatchList.Kept;

    /// <summary>True when the trace matches its declared schedule.</summary>
    public bool Conforms => MismatchCount == 0;
}

/// <summary>A trace that cannot be checked at all (unreadable, no valid header, a line that is not JSON): bad input, not a mismatch.</summary>
public sealed class TraceFormatException(string message) : Exception(message);
