using System.Text.Json;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Validation.Diagnosing;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// What the checker has seen so far in one trace; turns step and sync lines into mismatches. Its memory grows with
/// the lines of the file (a few bytes per sync line and per step line that reaches a new step), never with the
/// declared T: the declared schedule is walked, not stored, and mismatches beyond the first
/// <see cref="MismatchList.Kept"/> are only counted. A sync line's optional <c>group_size</c> (default N) is checked
/// against the size the declared schedule gives that step (hierarchical schedules average within groups).
/// </summary>
internal sealed class TraceState(string source)
{
    private const int AllWorkers = -1, InvalidGroupSize = -1;
    private readonly MismatchList mismatches = new();
    private readonly Dictionary<int, int> lastStep = [];
    private readonly Dictionary<int, long> syncLines = [];
    // The group size of each sync line that names one (a line without group_size averages all workers).
    private readonly Dictionary<int, int> syncGroupSizes = [];
    // Each time a step line reaches a step beyond every earlier one: that step and the line. For a step s, the first
    // entry beyond s gives the first line that logged a step after s, where a missing sync after s should have been.
    private readonly List<int> advanceSteps = [];
    private readonly List<long> advanceLines = [];
    private long stepLines;

    public TraceHeader? Header { get; set; }

    public long IgnoredLines { get; set; }

    private static string Where(long line) => $"line {NumberText.Integer(line)}";

    public void Step(JsonElement root, long line)
    {
        var header = Header!;
        stepLines++;
        int step = Integer(root, "step", line);
        // A worker field is checked as given: -1 is a worker outside 0..N−1, not "no worker".
        bool named = root.TryGetProperty("worker", out _);
        int worker = named ? Integer(root, "worker", line) : AllWorkers;
        if (step < 1 || step > header.Steps)
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, named ? worker : null, () => $"{Where(line)}: step {NumberText.Integer(step)} is outside 1..T = {NumberText.Integer(header.Steps)}");
            return;
        }
        if (named && (worker < 0 || worker >= header.Workers))
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, worker, () => $"{Where(line)}: worker {NumberText.Integer(worker)} is outside 0..N−1 = {NumberText.Integer(header.Workers - 1)}");
            return;
        }
        int previous = lastStep.GetValueOrDefault(worker, 0);
        string who = worker == AllWorkers ? "" : $" of worker {NumberText.Integer(worker)}";
        if (step <= previous)
            Add(TraceMismatchCodes.NonMonotoneStep, line, step, Worker(worker),
                () => $"{Where(line)}: step {NumberText.Integer(step)}{who} comes after step {NumberText.Integer(previous)} (steps must increase by one)");
        else if (step > previous + 1)
            Add(TraceMismatchCodes.MissingSteps, line, step, Worker(worker),
                () => $"{Where(line)}: step{(step - previous - 1 == 1 ? "" : "s")} {Range(previous + 1, step - 1)}{who} missing (the log jumps from step {NumberText.Integer(previous)} to {NumberText.Integer(step)})");
        if (step > previous) lastStep[worker] = step;
        if (advanceSteps.Count == 0 || step > advanceSteps[^1])
        {
            advanceSteps.Add(step);
            advanceLines.Add(line);
        }

        if (root.TryGetProperty("loss", out var loss))
        {
            bool finite = loss.ValueKind == JsonValueKind.Number && loss.TryGetDouble(out double value) && double.IsFinite(value);
            if (!finite && loss.ValueKind != JsonValueKind.Null)
                Add(TraceMismatchCodes.NonFiniteLoss, line, step, Worker(worker),
                    () => $"{Where(line)}: the loss at step {NumberText.Integer(step)}{who} is {Show(loss)}");
        }
    }

    public void Sync(JsonElement root, long line)
    {
        var header = Header!;
        int step = Integer(root, "step", line);
        if (step < 1 || step > header.Steps)
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, null, () => $"{Where(line)}: sync after step {NumberText.Integer(step)} is outside 1..T = {NumberText.Integer(header.Steps)}");
            return;
        }
        if (syncLines.TryGetValue(step, out long first))
        {
            Add(TraceMismatchCodes.DuplicateSync, line, step, null, () => $"{Where(line)}: a second sync after step {NumberText.Integer(step)} (the first is on line {NumberText.Integer(first)})");
            return;
        }
        syncLines[step] = line;
        if (root.TryGetProperty("group_size", out _))
        {
            int groupSize = Integer(root, "group_size", line);
            bool divides = groupSize >= 1 && groupSize <= header.Workers && header.Workers % groupSize == 0;
            // An invalid size is its own mismatch, not also a wrong one.
            syncGroupSizes[step] = divides ? groupSize : InvalidGroupSize;
            if (!divides)
                Add(TraceMismatchCodes.OutOfRange, line, step, null,
                    () => $"{Where(line)}: group_size {NumberText.Integer(groupSize)} of the sync after step {NumberText.Integer(step)} is not a divisor of N = {NumberText.Integer(header.Workers)} (the groups are contiguous blocks of equal size)");
        }
        foreach (var (worker, reached) in lastStep)
        {
            string who = worker == AllWorkers ? "the log" : $"worker {NumberText.Integer(worker)}";
            if (reached > step)
                Add(TraceMismatchCodes.SyncOutOfOrder, line, step, Worker(worker),
                    () => $"{Where(line)}: the sync after step {NumberText.Integer(step)} is logged after {who} reached step {NumberText.Integer(reached)}");
            else if (reached < step)
                Add(TraceMismatchCodes.SyncOutOfOrder, line, step, Worker(worker),
                    () => $"{Where(line)}: the sync after step {NumberText.Integer(step)} is logged while {who} has only reached step {NumberText.Integer(reached)}");
        }
    }

    public TraceCheckResult Finish(long lines)
    {
        var header = Header!;
        CompareSyncs(header, lines);
        bool perWorker = lastStep.Keys.Any(key => key != AllWorkers);
        for (int key = perWorker ? 0 : AllWorkers; key < (perWorker ? header.Workers : 0); key++)
        {
            int reached = lastStep.GetValueOrDefault(key, 0);
            if (reached >= header.Steps) continue;
            string who = key == AllWorkers ? "the log" : $"worker {NumberText.Integer(key)}";
            Add(TraceMismatchCodes.RunIncomplete, lines, reached, Worker(key),
                () => reached == 0 ? $"{who} has no step line (T = {NumberText.Integer(header.Steps)})" : $"{who} ends at step {NumberText.Integer(reached)} of T = {NumberText.Integer(header.Steps)}");
        }
        return new TraceCheckResult(source, header, mismatches.InLineOrder(), mismatches.Count, mismatches.CountsByCode, lines, stepLines, syncLines.Count, IgnoredLines);
    }

    /// <summary>
    /// Missing and extra syncs; when they pair up with one common offset k (every sync k steps late or early), or
    /// pairwise at distance 1, they are reported as shifted syncs. The declared set is walked in order beside the
    /// logged syncs (sorted), so only the logged ones are held.
    /// </summary>
    private void CompareSyncs(TraceHeader header, long lines)
    {
        int[] logged = syncLines.Keys.Order().ToArray();
        var extraList = new List<int>();
        long matched = 0;
        using (var declared = header.Schedule.Steps().GetEnumerator())
        {
            bool more = declared.MoveNext();
            foreach (int step in logged)
            {
                while (more && declared.Current < step) more = declared.MoveNext();
                if (more && declared.Current == step)
                {
                    matched++;
                    CompareGroupSize(header, step);
                }
                else extraList.Add(step);
            }
        }
        int[] extra = [.. extraList];
        long missingCount = header.Schedule.Count - matched;
        IEnumerable<int> Missing() => header.Schedule.Steps().Where(step => !syncLines.ContainsKey(step));

        // A common offset explains the trace only if it is shorter than every gap of the schedule: then each logged
        // sync sits between the same two declared neighbours as the one it replaces.
        if (missingCount > 0 && missingCount == extra.Length)
        {
            int[] missing = Missing().ToArray();
            int offset = extra[0] - missing[0];
            if (offset != 0 && Math.Abs(offset) < header.Schedule.SmallestGap && Enumerable.Range(0, missing.Length).All(index => extra[index] - missing[index] == offset))
            {
                string direction = offset > 0 ? "late" : "early";
                string amount = Math.Abs(offset) == 1 ? "one step" : $"{NumberText.Integer(Math.Abs(offset))} steps";
                for (int index = 0; index < missing.Length; index++)
                {
                    int at = index;
                    Add(TraceMismatchCodes.ShiftedSync, syncLines[extra[at]], missing[at], null,
                        () => $"{Where(syncLines[extra[at]])}: sync after step {NumberText.Integer(extra[at])} instead of {NumberText.Integer(missing[at])} ({amount} {direction}; " +
                        $"every sync of the trace is {amount} {direction}: {StepListText.Describe(extra)} instead of {StepListText.Describe(missing)})");
                }
                return;
            }
        }
        var unpaired = extra.ToHashSet();
        foreach (int step in Missing())
        {
            int? partner = unpaired.Contains(step + 1) ? step + 1 : unpaired.Contains(step - 1) ? step - 1 : null;
            if (partner is int shifted)
            {
                unpaired.Remove(shifted);
                Add(TraceMismatchCodes.ShiftedSync, syncLines[shifted], step, null,
                    () => $"{Where(syncLines[shifted])}: sync after step {NumberText.Integer(shifted)} instead of {NumberText.Integer(step)} (one step {(shifted > step ? "late" : "early")})");
            }
            else
            {
                // Most of a long run's missing syncs are only counted: no sentence is made for them.
                long at = LineOfMissing(step, lines);
                if (mismatches.Keeps(at)) AddMissing(header, step, at);
                else mismatches.CountOnly(TraceMismatchCodes.MissingSync);
            }
        }
        foreach (int step in unpaired.Order())
            Add(TraceMismatchCodes.ExtraSync, syncLines[step], step, null, () => $"{Where(syncLines[step])}: sync after step {NumberText.Integer(step)}, which the schedule does not declare");
    }

    // A logged sync at a declared step: its workers must have averaged in groups of the declared size.
    private void CompareGroupSize(TraceHeader header, int step)
    {
        int declared = header.Schedule.GroupSizeAfter(step), logged = syncGroupSizes.GetValueOrDefault(step, header.Workers);
        if (logged == declared || logged == InvalidGroupSize) return;
        long at = syncLines[step];
        Add(TraceMismatchCodes.WrongGroupSize, at, step, null,
            () => $"{Where(at)}: the sync after step {NumberText.Integer(step)} averaged {Groups(logged, header.Workers, named: syncGroupSizes.ContainsKey(step))}; " +
            $"{header.Schedule.ReasonFor(step)} declares {Groups(declared, header.Workers, named: true)}");
    }

    private static string Groups(int size, int workers, bool named) =>
        size == workers ? $"all N = {NumberText.Integer(workers)} workers{(named ? "" : " (the line has no group_size)")}"
        : $"within groups of {NumberText.Integer(size)} workers";

    private void AddMissing(TraceHeader header, int step, long at) =>
        Add(TraceMismatchCodes.MissingSync, at, step, null,
            () => step == header.Steps
                ? $"{Where(at)}: no sync after the last step {NumberText.Integer(step)} (the final averaging is missing)"
                : $"{Where(at)}: no sync after step {NumberText.Integer(step)}, which the schedule declares");

    // The first line that logged a step after s, or the end of the file.
    private long LineOfMissing(int step, long lines)
    {
        int index = advanceSteps.BinarySearch(step + 1);
        if (index < 0) index = ~index;
        return index < advanceLines.Count ? advanceLines[index] : lines;
    }

    /// <summary>The integer field, or a <see cref="TraceFormatException"/> naming the line.</summary>
    private int Integer(JsonElement root, string field, long line)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)) return number;
        throw new TraceFormatException($"{source} line {NumberText.Integer(line)}: field \"{field}\" must be an integer{(root.TryGetProperty(field, out var bad) ? $", got {Show(bad)}" : " and is missing")}.");
    }

    private void Add(string code, long line, int? step, int? worker, Func<string> message) => mismatches.Add(code, line, step, worker, message);

    private static int? Worker(int key) => key == AllWorkers ? null : key;

    private static string Range(int first, int last) =>
        first == last ? NumberText.Integer(first) : $"{NumberText.Integer(first)}..{NumberText.Integer(last)}";

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
