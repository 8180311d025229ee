using System.Text.Json;
using LocalSgdVerify.Model.Communication;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads and writes the <c>communication</c> object: the set I of sync steps (claims.md §3). Every kind lists its
/// fields; periods and rounds given as integers must lie in 1..T (more rounds than steps is an error, not clamped).
/// </summary>
public static class CommunicationReader
{
    private sealed record KindReader(string Kind, string[] Fields, Func<ScenarioObject, ScenarioContext, ICommunicationSchedule> Read);

    private static readonly KindReader[] Kinds =
    [
        new("every-step", [], (_, _) => new EveryStep()),
        new("one-shot", [], (_, _) => new OneShot()),
        new("constant-period", ["period"], (o, c) => new ConstantPeriod(o.Integer("period", StepCount(c, "a period may not exceed steps")))),
        new("constant-rounds", ["rounds"], (o, c) => new ConstantRounds(ReadRounds(o, c))),
        new("increasing-intervals", ["rounds"], (o, c) => new IncreasingIntervals(ReadRounds(o, c))),
        new("stich", [], (_, _) => new StichPeriod()),
        new("haddadpour", ["scale"], (o, _) => new HaddadpourPeriod(o.Number("scale", NumberRule.Positive, 1.0))),
        new("ada-lupa-linear", ["initial_period", "rounds"], (o, c) => new AdaLupaLinear(
            o.Integer("initial_period", StepCount(c, "a period may not exceed steps")),
            o.Integer("rounds", StepCount(c, "rounds may not exceed steps")))),
        new("ada-lupa-loss", ["initial_period"], (o, c) => new AdaLupaLoss(o.Integer("initial_period", StepCount(c, "a period may not exceed steps")))),
        new("qsr", ["base_period", "alpha", "warmup_steps"], (o, c) => new QuadraticSynchronizationRule(
            o.Integer("base_period", StepCount(c, "a period may not exceed steps")),
            o.Number("alpha", NumberRule.Positive),
            o.Integer("warmup_steps", new IntegerRule(0, c.Steps, $"steps = {NumberText.Integer(c.Steps)}"), 0))),
        new("explicit", ["steps"], ReadExplicit),
        new("growing-phases", ["initial_length", "growth_exponent"], (o, c) => new GrowingPhases(
            o.Integer("initial_length", StepCount(c, "a phase may not exceed steps")),
            o.Number("growth_exponent", NumberRule.Between(0, 3), 0.0))),
        new("hierarchical", ["levels", "warmup_steps"], ReadHierarchical),
    ];

    /// <summary>The kinds a scenario may name, in documentation order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = Kinds.Select(k => k.Kind).ToArray();

    /// <summary>The fields of one kind (besides <c>kind</c>).</summary>
    public static IReadOnlyList<string> FieldsOf(string kind) => Kinds.Single(k => k.Kind == kind).Fields;

    /// <summary>Builds the schedule described by <paramref name="communication"/>.</summary>
    public static ICommunicationSchedule Read(ScenarioObject communication, ScenarioContext context)
    {
        string kind = communication.Choice("kind", KindNames);
        KindReader reader = Kinds.Single(k => k.Kind == kind);
        communication.AllowOnly(["kind", .. reader.Fields]);
        return reader.Read(communication, context);
    }

    /// <summary>Writes <paramref name="schedule"/> as a <c>communication</c> object that <see cref="Read"/> rebuilds.</summary>
    public static void Write(Utf8JsonWriter writer, ICommunicationSchedule schedule)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", schedule.Kind);
        switch (schedule)
        {
            case ConstantRounds constant: WriteRounds(writer, constant.Rounds); break;
            case IncreasingIntervals increasing: WriteRounds(writer, increasing.Rounds); break;
            case HierarchicalSchedule hierarchical:
                writer.WriteStartArray("levels");
                foreach (var level in hierarchical.Levels)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("group_size", level.GroupSize);
                    writer.WriteNumber("period", level.Period);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteNumber("warmup_steps", hierarchical.WarmupSteps);
                break;
            case ExplicitSchedule list:
                writer.WriteStartArray("steps");
                foreach (int step in list.Steps) writer.WriteNumberValue(step);
                writer.WriteEndArray();
                break;
            default:
                foreach ((string name, double value) in schedule.Parameters) writer.WriteNumber(name, value);
                break;
        }
        writer.WriteEndObject();
    }

    // R as an integer in 1..T, or {"workers_power": p} for R = ⌈N^p⌉ (clamped by the model, since it is derived).
    private static RoundCount ReadRounds(ScenarioObject communication, ScenarioContext context)
    {
        string path = communication.PathOf("rounds");
        var rule = StepCount(context, "rounds may not exceed steps");
        string allowed = $"{rule.Description} or an object {{\"workers_power\": p}} with p in [0, 2] for R = ceil(N^p)";
        JsonElement value = communication.Require("rounds", allowed);
        if (value.ValueKind == JsonValueKind.Object)
        {
            ScenarioObject power = ScenarioObject.Of(value, path);
            power.AllowOnly(["workers_power"]);
            return RoundCount.PowerOfWorkers(power.Number("workers_power", NumberRule.Between(0, 2)));
        }
        if (value.ValueKind != JsonValueKind.Number) throw ScenarioException.NotAllowed(path, value, allowed);
        return RoundCount.Fixed(ScenarioValues.Integer(value, path, rule));
    }

    private static ICommunicationSchedule ReadExplicit(ScenarioObject communication, ScenarioContext context)
    {
        string path = communication.PathOf("steps");
        string allowed = $"a strictly increasing list of steps in 1..{NumberText.Integer(context.Steps)} that ends at T = {NumberText.Integer(context.Steps)}";
        JsonElement value = communication.Require("steps", allowed);
        int[] steps = ScenarioValues.IntegerList(value, path, new IntegerRule(1, context.Steps, $"steps = {NumberText.Integer(context.Steps)}"));
        for (int i = 1; i < steps.Length; i++)
        {
            if (steps[i] <= steps[i - 1])
                throw ScenarioException.NotAllowed($"{path}[{NumberText.Integer(i)}]", NumberText.Integer(steps[i]), $"a step > {NumberText.Integer(steps[i - 1])} (the list must be strictly increasing)");
        }
        if (steps[^1] != context.Steps)
            throw ScenarioException.NotAllowed(path, value, allowed + $"; the last sync must be at T, but the list ends at {NumberText.Integer(steps[^1])}");
        return new ExplicitSchedule(steps);
    }

    // levels: [{"group_size": g, "period": p}, ...], smallest groups first, each g a multiple of the previous one and a
    // divisor of N; warmup_steps W in 0..T (default 0). The model checks nesting and distinct periods.
    private static ICommunicationSchedule ReadHierarchical(ScenarioObject communication, ScenarioContext context)
    {
        string path = communication.PathOf("levels");
        string allowed = "a non-empty list of levels {\"group_size\": g, \"period\": p}, smallest groups first";
        JsonElement value = communication.Require("levels", allowed);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0) throw ScenarioException.NotAllowed(path, value, allowed);
        var levels = new List<AveragingLevel>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            ScenarioObject level = ScenarioObject.Of(item, $"{path}[{NumberText.Integer(levels.Count)}]", "an object {\"group_size\": g, \"period\": p}");
            level.AllowOnly(["group_size", "period"]);
            int groupSize = level.Integer("group_size", new IntegerRule(1, context.Workers, $"workers = {NumberText.Integer(context.Workers)}"));
            if (context.Workers % groupSize != 0)
                throw ScenarioException.NotAllowed(level.PathOf("group_size"), NumberText.Integer(groupSize),
                    $"a divisor of workers = {NumberText.Integer(context.Workers)} (the groups are contiguous blocks of equal size)");
            levels.Add(new AveragingLevel(groupSize, level.Integer("period", StepCount(context, "a period may not exceed steps"))));
        }
        int warmup = communication.Integer("warmup_steps", new IntegerRule(0, context.Steps, $"steps = {NumberText.Integer(context.Steps)}"), 0);
        return new HierarchicalSchedule(levels, warmup);
    }

    private static void WriteRounds(Utf8JsonWriter writer, RoundCount rounds)
    {
        if (rounds.FixedRounds is int fixedRounds) { writer.WriteNumber("rounds", fixedRounds); return; }
        writer.WriteStartObject("rounds");
        writer.WriteNumber("workers_power", rounds.WorkerExponent);
        writer.WriteEndObject();
    }

    private static IntegerRule StepCount(ScenarioContext context, string reason)
        => new(1, context.Steps, $"{reason} = {NumberText.Integer(context.Steps)}");
}
