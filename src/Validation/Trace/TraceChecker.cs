using System.Text;
using System.Text.Json;
using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// Checks a log of a real training run (JSON Lines, docs/trace-format.md) against the schedule its header declares:
/// every declared sync present once, in order (after its step, before the next), within groups of the declared size
/// (a sync line's <c>group_size</c>, N when absent; hierarchical schedules declare smaller groups at their level
/// steps), no undeclared sync; steps numbered
/// 1, 2, …, T without gaps or repeats (per worker when lines name workers); every loss finite. Mismatches are
/// collected, not thrown; an unreadable file, a bad header or a line that is not JSON is a
/// <see cref="TraceFormatException"/>.
/// </summary>
public static class TraceChecker
{
    /// <summary>The fields of the header line.</summary>
    public static IReadOnlyList<string> HeaderFields { get; } = ["type", "version", "workers", "steps", "schedule"];

    /// <summary>The trace format version this checker reads.</summary>
    public const int Version = 1;

    /// <summary>Checks the file at <paramref name="path"/>.</summary>
    public static TraceCheckResult CheckFile(string path)
    {
        try
        {
            // Strict UTF-8: a byte that is not UTF-8 is refused, not read as U+FFFD.
            using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            return Check(reader, path);
        }
        catch (DecoderFallbackException error)
        {
            throw new TraceFormatException($"trace file '{path}' is not UTF-8 text ({error.Message}); save it as UTF-8.");
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TraceFormatException($"trace file '{path}' does not exist.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TraceFormatException($"trace file '{path}' cannot be read: {error.Message}");
        }
    }

    /// <summary>Checks a trace read from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static TraceCheckResult Check(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = new TraceState(source);
        string? line;
        long number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = TraceLineReader.Parse(line, number, source);
            var root = document.RootElement;
            string type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : "";
            if (state.Header is null)
            {
                if (type != "header")
                    throw new TraceFormatException($"{source} line {Integer(number)}: the first line of a trace must be the header {{\"type\":\"header\",\"version\":1,\"workers\":N,\"steps\":T,\"schedule\":{{...}}}}, not \"{type}\".");
                state.Header = ReadHeader(root, source, number);
                continue;
            }
            switch (type)
            {
                case "step":
                    state.Step(root, number);
                    break;
                case "sync":
                    state.Sync(root, number);
                    break;
                case "header":
                    throw new TraceFormatException($"{source} line {Integer(number)}: a second header; a trace describes one run.");
                default:
                    state.IgnoredLines++;
                    break;
            }
        }
        if (state.Header is null) throw new TraceFormatException($"{source} is empty: a trace starts with a header line.");
        return state.Finish(number);
    }

    private static TraceHeader ReadHeader(JsonElement root, string source, long line)
    {
        try
        {
            var header = ScenarioObject.Of(root, "header");
            header.AllowOnly(HeaderFields);
            int version = header.Integer("version", new IntegerRule(Version, Version, "this checker reads version 1"));
            _ = version;
            int workers = header.Integer("workers", new IntegerRule(1, ScenarioReader.MaximumWorkers));
            int steps = header.Integer("steps", new IntegerRule(1, ScenarioReader.MaximumSteps));
            var schedule = header.Object("schedule", "an object with a field 'kind', one of " + string.Join(", ", CommunicationReader.KindNames));
            string kind = schedule.Find("kind") is { ValueKind: JsonValueKind.String } kindElement ? kindElement.GetString()! : "";
            if (kind is "ada-lupa-loss" or "qsr")
                throw new TraceFormatException($"{source} line {Integer(line)}: header.schedule.kind = {kind} depends on the run's loss or step sizes, which the header does not carry; " +
                    "declare the steps the run should have averaged after as {\"kind\": \"explicit\", \"steps\": [...]}.");
            var communication = CommunicationReader.Read(schedule, new ScenarioContext(workers, steps));
            return new TraceHeader(workers, steps, kind, new DeclaredSchedule(communication, workers, steps));
        }
        catch (ScenarioException error)
        {
            throw new TraceFormatException($"{source} line {Integer(line)}: {error.Message}");
        }
        catch (Exception error) when (error is ScheduleException or ProblemParameterException)
        {
            throw new TraceFormatException($"{source} line {Integer(line)}: header.schedule: {error.Message}");
        }
    }
}
