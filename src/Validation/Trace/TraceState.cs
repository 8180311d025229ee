using System.Text.Json;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Validation.Diagnosing;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>What the checker has seen so far in one trace; turns step and sync lines into mismatches.</summary>
internal sealed class TraceState(string source)
{
    private const int AllWorkers = -1;
    private readonly List<TraceMismatch> mismatches = [];
    private readonly Dictionary<int, int> lastStep = [];
    private readonly Dictionary<int, long> syncLines = [];
    // For every step s, the first line that logged a step after s: where a missing sync after s should have been.
    private readonly SortedDictionary<int, long> firstLineAfter = [];
    private long stepLines;

    public TraceHeader? Header { get; set; }

    public long IgnoredLines { get; set; }

    private string Where(long line) => $"line {NumberText.Integer(line)}";

    public void Step(JsonElement root, long line)
    {
        var header = Header!;
        stepLines++;
        int step = Integer(root, "step", line);
        int worker = root.TryGetProperty("worker", out _) ? Integer(root, "worker", line) : AllWorkers;
        if (step < 1 || step > header.Steps)
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, Worker(worker), $"{Where(line)}: step {NumberText.Integer(step)} is outside 1..T = {NumberText.Integer(header.Steps)}");
            return;
        }
        if (worker != AllWorkers && (worker < 0 || worker >= header.Workers))
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, worker, $"{Where(line)}: worker {NumberText.Integer(worker)} is outside 0..N−1 = {NumberText.Integer(header.Workers - 1)}");
            return;
        }
        int previous = lastStep.GetValueOrDefault(worker, 0);
        string who = worker == AllWorkers ? "" : $" of worker {NumberText.Integer(worker)}";
        if (step <= previous)
            Add(TraceMismatchCodes.NonMonotoneStep, line, step, Worker(worker),
                $"{Where(line)}: step {NumberText.Integer(step)}{who} comes after step {NumberText.Integer(previous)} (steps must increase by one)");
        else if (step > previous + 1)
            Add(TraceMismatchCodes.MissingSteps, line, step, Worker(worker),
                $"{Where(line)}: step{(step - previous - 1 == 1 ? "" : "s")} {Range(previous + 1, step - 1)}{who} missing (the log jumps from step {NumberText.Integer(previous)} to {NumberText.Integer(step)})");
        if (step > previous) lastStep[worker] = step;
        for (int earlier = step - 1; earlier >= 1 && !firstLineAfter.ContainsKey(earlier); earlier--) firstLineAfter[earlier] = line;

        if (root.TryGetProperty("loss", out var loss))
        {
            bool finite = loss.ValueKind == JsonValueKind.Number && loss.TryGetDouble(out double value) && double.IsFinite(value);
            if (!finite && loss.ValueKind != JsonValueKind.Null)
                Add(TraceMismatchCodes.NonFiniteLoss, line, step, Worker(worker),
                    $"{Where(line)}: the loss at step {NumberText.Integer(step)}{who} is {Show(loss)}");
        }
    }

    public void Sync(JsonElement root, long line)
    {
        var header = Header!;
        int step = Integer(root, "step", line);
        if (step < 1 || step > header.Steps)
        {
            Add(TraceMismatchCodes.OutOfRange, line, step, null, $"{Where(line)}: sync after step {NumberText.Integer(step)} is outside 1..T = {NumberText.Integer(header.Steps)}");
            return;
        }
        if (syncLines.TryGetValue(step, out long first))
        {
            Add(TraceMismatchCodes.DuplicateSync, line, step, null, $"{Where(line)}: a second sync after step {NumberText.Integer(step)} (the first is on line {NumberText.Integer(first)})");
            return;
        }
        syncLines[step] = line;
        foreach (var (worker, reached) in lastStep)
        {
            string who = worker == AllWorkers ? "the log" : $"worker {NumberText.Integer(worker)}";
            if (reached > step)
                Add(TraceMismatchCodes.SyncOutOfOrder, line, step, Worker(worker),
                    $"{Where(line)}: the sync after step {NumberText.Integer(step)} is logged after {who} reached step {NumberText.Integer(reached)}");
            else if (reached < step)
                Add(TraceMismatchCodes.SyncOutOfOrder, line, step, Worker(worker),
                    $"{Where(line)}: the sync after step {NumberText.Integer(step)} is logged while {who} has only reached step {NumberText.Integer(reached)}");
        }
    }

    public TraceCheckResult Finish(long lines)
    {
        var header = Header!;
        CompareSyncs(header, lines);
        var expectedKeys = lastStep.Keys.Any(key => key != AllWorkers) ? Enumerable.Range(0, header.Workers) : [AllWorkers];
        foreach (int key in expectedKeys)
        {
            int reached = lastStep.GetValueOrDefault(key, 0);
            if (reached >= header.Steps) continue;
            string who = key == AllWorkers ? "the log" : $"worker {NumberText.Integer(key)}";
            Add(TraceMismatchCodes.RunIncomplete, lines, reached, Worker(key),
                reached == 0 ? $"{who} has no step line (T = {NumberText.Integer(header.Steps)})" : $"{who} ends at step {NumberText.Integer(reached)} of T = {NumberText.Integer(header.Steps)}");
        }
        var ordered = mismatches.Select((mismatch, index) => (mismatch, index)).OrderBy(pair => pair.mismatch.Line).ThenBy(pair => pair.index).Select(pair => pair.mismatch).ToArray();
        return new TraceCheckResult(source, header, ordered, lines, stepLines, syncLines.Count, IgnoredLines);
    }

    /// <summary>
    /// Missing and extra syncs; when they pair up with one common offset k (every sync k steps late or early), or
    /// pairwise at distance 1, they are reported as shifted syncs.
    /// </summary>
    private void CompareSyncs(TraceHeader header, long lines)
    {
        var declared = header.SyncSteps.ToHashSet();
        int[] missing = header.SyncSteps.Where(step => !syncLines.ContainsKey(step)).ToArray();
        int[] extra = syncLines.Keys.Where(step => !declared.Contains(step)).Order().ToArray();
        long LineOfMissing(int step) => firstLineAfter.TryGetValue(step, out long line) ? line : lines;

        // A common offset explains the trace only if it is shorter than every gap of the schedule: then each logged
        // sync sits between the same two declared neighbours as the one it replaces.
        int smallestGap = header.SyncSteps.Zip(header.SyncSteps.Skip(1), (a, b) => b - a).Prepend(header.SyncSteps[0]).Min();
        if (missing.Length > 0 && missing.Length == extra.Length)
        {
            int offset = extra[0] - missing[0];
            if (offset != 0 && Math.Abs(offset) < smallestGap && Enumerable.Range(0, missing.Length).All(index => extra[index] - missing[index] == offset))
            {
                string direction = offset > 0 ? "late" : "early";
                string amount = Math.Abs(offset) == 1 ? "one step" : $"{NumberText.Integer(Math.Abs(offset))} steps";
                for (int index = 0; index < missing.Length; index++)
                    Add(TraceMismatchCodes.ShiftedSync, syncLines[extra[index]], missing[index], null,
                        $"{Where(syncLines[extra[index]])}: sync after step {NumberText.Integer(extra[index])} instead of {NumberText.Integer(missing[index])} ({amount} {direction}; " +
                        $"every sync of the trace is {amount} {direction}: {StepListText.Describe(extra)} instead of {StepListText.Describe(missing)})");
                return;
            }
        }
        var unpaired = extra.ToHashSet();
        foreach (int step in missing)
        {
            int? partner = unpaired.Contains(step + 1) ? step + 1 : unpaired.Contains(step - 1) ? step - 1 : null;
            if (partner is int shifted)
            {
                unpaired.Remove(shifted);
                Add(TraceMismatchCodes.ShiftedSync, syncLines[shifted], step, null,
                    $"{Where(syncLines[shifted])}: sync after step {NumberText.Integer(shifted)} instead of {NumberText.Integer(step)} (one step {(shifted > step ? "late" : "early")})");
            }
            else
            {
                Add(TraceMismatchCodes.MissingSync, LineOfMissing(step), step, null,
                    step == header.Steps
                        ? $"{Where(LineOfMissing(step))}: no sync after the last step {NumberText.Integer(step)} (the final averaging is missing)"
                        : $"{Where(LineOfMissing(step))}: no sync after step {NumberText.Integer(step)}, which the schedule declares");
            }
        }
        foreach (int step in unpaired.Order())
            Add(TraceMismatchCodes.ExtraSync, syncLines[step], step, null, $"{Where(syncLines[step])}: sync after step {NumberText.Integer(step)}, which the schedule does not declare");
    }

    /// <summary>The integer field, or a <see cref="TraceFormatException"/> naming the line.</summary>
    private int Integer(JsonElement root, string field, long line)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)) return number;
        throw new TraceFormatException($"{source} line {NumberText.Integer(line)}: field \"{field}\" must be an integer{(root.TryGetProperty(field, out var bad) ? $", got {Show(bad)}" : " and is missing")}.");
    }

    private void Add(string code, long line, int? step, int? worker, string message) => mismatches.Add(new TraceMismatch(code, line, step, worker, message));

    private static int? Worker(int key) => key == AllWorkers ? null : key;

    private static string Range(int first, int last) =>
        first == last ? NumberText.Integer(first) : $"{NumberText.Integer(first)}..{NumberText.Integer(last)}";

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
