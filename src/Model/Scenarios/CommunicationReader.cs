using System.Text.Json;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads and writes the <c>communication</c> object: the set I of sync steps (claims.md §3). Every kind lists its
/// fields; periods and rounds given as integers must lie in 1..T (more rounds than steps is an error, not clamped).
/// </summary>
public static class CommunicationReader
{
    private sealed record KindReader(string Kind, string Description, ScenarioField[] Fields, Func<ScenarioObject, ScenarioContext, ICommunicationSchedule> Read);

    // R as an integer in 1..T, or {"workers_power": p} for R = ceil(N^p).
    private static readonly SchemaShape RoundsShape = SchemaShape.OneOf(
        SchemaShape.Integer(1),
        SchemaShape.Object([ScenarioField.Needed("workers_power", SchemaShape.Number(NumberRule.Between(0, 2)))]));

    private const string RoundsDescription = "R: an integer in 1..T, or {\"workers_power\": p} for R = ceil(N^p).";

    private static readonly KindReader[] Kinds =
    [
        new("every-step", "Synchronous (mini-batch) SGD: I = {1..T}.", [], (_, _) => new EveryStep()),
        new("one-shot", "One-shot averaging: I = {T}.", [], (_, _) => new OneShot()),
        new("constant-period", "I = {H, 2H, ...} and T.", [ScenarioField.Needed("period", SchemaShape.Integer(1), "H in 1..T.")],
            (o, c) => new ConstantPeriod(o.Integer("period", StepCount(c, "a period may not exceed steps")))),
        new("constant-rounds", "R rounds of length T/R: tau_r = ceil(r T/R).", [ScenarioField.Needed("rounds", RoundsShape, RoundsDescription)],
            (o, c) => new ConstantRounds(ReadRounds(o, c))),
        new("increasing-intervals", "Spiridonoff et al.: a = 2T/(R(R+1)), tau_r = floor(a r(r+1)/2).", [ScenarioField.Needed("rounds", RoundsShape, RoundsDescription)],
            (o, c) => new IncreasingIntervals(ReadRounds(o, c))),
        new("stich", "Stich: constant H = max(1, floor(sqrt(T/N))).", [], (_, _) => new StichPeriod()),
        new("haddadpour", "Haddadpour et al. (LUPA): tau = max(1, floor(scale (T^2/N)^(1/3))).",
            [ScenarioField.Optional("scale", SchemaShape.Number(NumberRule.Positive).WithDefault(1), "c > 0 (default 1).")],
            (o, _) => new HaddadpourPeriod(o.Number("scale", NumberRule.Positive, 1.0))),
        new("ada-lupa-linear", "ADA-LUPA experiment rule: tau_i = round((1 + i alpha) tau_0), alpha = 2T/((E+1) E tau_0).",
            [ScenarioField.Needed("initial_period", SchemaShape.Integer(1), "tau_0 in 1..T."), ScenarioField.Needed("rounds", SchemaShape.Integer(1), "E, target rounds, in 1..T.")],
            (o, c) => new AdaLupaLinear(
                o.Integer("initial_period", StepCount(c, "a period may not exceed steps")),
                o.Integer("rounds", StepCount(c, "rounds may not exceed steps")))),
        new("ada-lupa-loss", "ADA-LUPA paper rule: tau_i = ceil((F(x0)/F(x_ti))^(1/3)) tau_0 (depends on the run).",
            [ScenarioField.Needed("initial_period", SchemaShape.Integer(1), "tau_0 in 1..T.")],
            (o, c) => new AdaLupaLoss(o.Integer("initial_period", StepCount(c, "a period may not exceed steps")))),
        new("qsr", "Quadratic Synchronization Rule: H = max(base_period, floor((alpha/eta_t)^2)), H = base_period during warm-up.",
            [
                ScenarioField.Needed("base_period", SchemaShape.Integer(1), "H_base in 1..T."),
                ScenarioField.Needed("alpha", SchemaShape.Number(NumberRule.Positive), "alpha > 0."),
                ScenarioField.Optional("warmup_steps", SchemaShape.Integer(0).WithDefault(0), "Steps with H = H_base, 0..T (default 0)."),
            ],
            (o, c) => new QuadraticSynchronizationRule(
                o.Integer("base_period", StepCount(c, "a period may not exceed steps")),
                o.Number("alpha", NumberRule.Positive),
                o.Integer("warmup_steps", new IntegerRule(0, c.Steps, $"steps = {NumberText.Integer(c.Steps)}"), 0))),
        new("explicit", "An explicit set I: strictly increasing steps in 1..T ending at T.",
            [ScenarioField.Needed("steps", SchemaShape.List(SchemaShape.Integer(1)))], ReadExplicit),
        new("growing-phases", "Patel-Dieuleveut phases: N^t = ceil(initial_length (t+1)^growth_exponent).",
            [
                ScenarioField.Needed("initial_length", SchemaShape.Integer(1), "N_0 in 1..T."),
                ScenarioField.Optional("growth_exponent", SchemaShape.Number(NumberRule.Between(0, 3)).WithDefault(0), "g in [0, 3] (default 0)."),
            ],
            (o, c) => new GrowingPhases(
                o.Integer("initial_length", StepCount(c, "a phase may not exceed steps")),
                o.Number("growth_exponent", NumberRule.Between(0, 3), 0.0))),
        new("hierarchical", "Hierarchical averaging (PyTorch's HierarchicalModelAverager): after warm-up, at step t the largest level whose period divides t averages within contiguous groups of its size; T averages globally.",
            [
                ScenarioField.Needed("levels", SchemaShape.List(SchemaShape.Object(
                    [
                        ScenarioField.Needed("group_size", SchemaShape.Integer(1), "Workers per contiguous group, a divisor of N."),
                        ScenarioField.Needed("period", SchemaShape.Integer(1), "Steps between this level's averages, in 1..T."),
                    ])), "Levels, smallest groups first."),
                ScenarioField.Optional("warmup_steps", SchemaShape.Integer(0).WithDefault(0), "Steps averaged globally every step before the levels start, 0..T (default 0)."),
            ],
            ReadHierarchical),
    ];

    /// <summary>The <c>communication</c> object's schema: one variant per kind, built from the kinds' field tables.</summary>
    public static SchemaShape Shape { get; } = SchemaShape.OneOf(Kinds.Select(k => SchemaShape.Tagged("kind", k.Kind, k.Description, k.Fields)).ToArray());

    /// <summary>The kinds a scenario may name, in documentation order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = Kinds.Select(k => k.Kind).ToArray();

    /// <summary>The fields of one kind (besides <c>kind</c>).</summary>
    public static IReadOnlyList<string> FieldsOf(string kind) => ScenarioField.NamesOf(Kinds.Single(k => k.Kind == kind).Fields);

    /// <summary>Builds the schedule described by <paramref name="communication"/>.</summary>
    public static ICommunicationSchedule Read(ScenarioObject communication, ScenarioContext context)
    {
        string kind = communication.Choice("kind", KindNames);
        KindReader reader = Kinds.Single(k => k.Kind == kind);
        communication.AllowOnly(["kind", .. ScenarioField.NamesOf(reader.Fields)]);
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
