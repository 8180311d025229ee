using System.Text.Json;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads and writes the <c>step_size</c> object: η_t for t = 0..T−1 (claims.md §3). Every kind accepts
/// <c>round_to_power_of_two</c> (rounds each η_t down to 2^⌊log2 η_t⌋).
/// </summary>
public static class StepSizeReader
{
    private const string RoundToPowerOfTwo = "round_to_power_of_two";

    private sealed record KindReader(string Kind, string Description, ScenarioField[] Fields, Func<ScenarioObject, StepSizeContext, IStepSizeSchedule> Read);

    /// <summary>What a step size may depend on besides its own fields: μ and L of the problem, and the period.</summary>
    private sealed record StepSizeContext(ScenarioContext Run, IProblem Problem, ICommunicationSchedule Communication);

    private static ScenarioField Positive(string name, string description) => ScenarioField.Needed(name, SchemaShape.Number(NumberRule.Positive), description);

    private static ScenarioField PositiveOrOne(string name, string description) =>
        ScenarioField.Optional(name, SchemaShape.Number(NumberRule.Positive).WithDefault(1), description);

    private static readonly KindReader[] Kinds =
    [
        new("constant", "eta_t = value.", [Positive("value", "eta > 0.")], (o, _) => new ConstantStepSize(o.Number("value", NumberRule.Positive))),
        new("inverse-time", "eta_t = alpha/(mu (t + beta)).", [Positive("alpha", "alpha > 0."), PositiveOrOne("beta", "beta > 0 (default 1)."), PositiveOrOne("mu", "mu > 0 (default 1).")],
            (o, _) => new InverseTimeStepSize(o.Number("alpha", NumberRule.Positive), o.Number("beta", NumberRule.Positive, 1.0), o.Number("mu", NumberRule.Positive, 1.0))),
        new("capped-inverse-time", "eta_t = min(alpha/(t + beta), cap).",
            [Positive("alpha", "alpha > 0."), PositiveOrOne("beta", "beta > 0 (default 1)."), Positive("cap", "Largest step size, > 0.")],
            (o, _) => new CappedInverseTimeStepSize(o.Number("alpha", NumberRule.Positive), o.Number("beta", NumberRule.Positive, 1.0), o.Number("cap", NumberRule.Positive))),
        new("polynomial-decay", "eta_t = initial (t + 1)^(-exponent).",
            [Positive("initial", "gamma_0 > 0."), ScenarioField.Needed("exponent", SchemaShape.Number(NumberRule.Between(0, 1)), "a in [0, 1]; Polyak-Ruppert regime a in (1/2, 1).")],
            (o, _) => new PolynomialDecayStepSize(o.Number("initial", NumberRule.Positive), o.Number("exponent", NumberRule.Between(0, 1)))),
        new("cosine", "Linear warm-up to peak over warmup_steps, then cosine decay to final at total_steps.",
            [
                Positive("peak", "Peak step size > 0."),
                ScenarioField.Optional("warmup_steps", SchemaShape.Integer(0).WithDefault(0), "W in 0..total_steps-1 (default 0)."),
                ScenarioField.Optional("final", SchemaShape.Number(NumberRule.NonNegative).WithDefault(0), "Final step size in [0, peak] (default 0)."),
                ScenarioField.Optional("total_steps", SchemaShape.Integer(1), "Horizon of the cosine (default T)."),
            ],
            ReadCosine),
        new("stich", "Stich (ICLR 2019): eta_t = 4/(mu (a + t)), a = max(16 kappa, H).",
            [
                ScenarioField.Optional("mu", SchemaShape.Number(NumberRule.Positive), "mu > 0 (default: the problem's strong-convexity constant)."),
                ScenarioField.Optional("condition_number", SchemaShape.Number(NumberRule.Positive), "kappa = L/mu > 0 (default: the problem's L/mu)."),
                ScenarioField.Optional("period", SchemaShape.Integer(1), "H in 1..T (default: the period of a constant-period or stich schedule)."),
            ],
            ReadStich),
    ];

    private static readonly ScenarioField RoundingField =
        ScenarioField.Optional(RoundToPowerOfTwo, SchemaShape.Boolean.WithDefault(false), "Round each eta_t down to 2^floor(log2 eta_t).");

    /// <summary>The <c>step_size</c> object's schema: one variant per kind, each with <c>round_to_power_of_two</c>.</summary>
    public static SchemaShape Shape { get; } = SchemaShape.OneOf(Kinds.Select(k => SchemaShape.Tagged("kind", k.Kind, k.Description, [.. k.Fields, RoundingField])).ToArray());

    /// <summary>The kinds a scenario may name, in documentation order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = Kinds.Select(k => k.Kind).ToArray();

    /// <summary>The fields of one kind (besides <c>kind</c> and <c>round_to_power_of_two</c>).</summary>
    public static IReadOnlyList<string> FieldsOf(string kind) => ScenarioField.NamesOf(Kinds.Single(k => k.Kind == kind).Fields);

    /// <summary>Builds η_t; the problem supplies Stich's default μ and κ, the schedule his default period.</summary>
    public static IStepSizeSchedule Read(ScenarioObject stepSize, ScenarioContext context, IProblem problem, ICommunicationSchedule communication)
    {
        string kind = stepSize.Choice("kind", KindNames);
        KindReader reader = Kinds.Single(k => k.Kind == kind);
        stepSize.AllowOnly(["kind", .. ScenarioField.NamesOf(reader.Fields), RoundToPowerOfTwo]);
        IStepSizeSchedule schedule = reader.Read(stepSize, new StepSizeContext(context, problem, communication));
        return stepSize.Boolean(RoundToPowerOfTwo, false) ? new PowerOfTwoRoundedStepSize(schedule) : schedule;
    }

    /// <summary>Writes <paramref name="schedule"/> as a <c>step_size</c> object that <see cref="Read"/> rebuilds.</summary>
    public static void Write(Utf8JsonWriter writer, IStepSizeSchedule schedule)
    {
        bool rounded = schedule is PowerOfTwoRoundedStepSize;
        IStepSizeSchedule inner = schedule is PowerOfTwoRoundedStepSize wrapper ? wrapper.Inner : schedule;
        writer.WriteStartObject();
        writer.WriteString("kind", inner.Kind);
        // Stich's shift a = max(16κ, H) is derived, so it is not a field.
        foreach ((string name, double value) in inner.Parameters)
            if (!(inner is StichStepSize && name == "shift")) writer.WriteNumber(name, value);
        if (rounded) writer.WriteBoolean(RoundToPowerOfTwo, true);
        writer.WriteEndObject();
    }

    private static IStepSizeSchedule ReadCosine(ScenarioObject o, StepSizeContext context)
    {
        int totalSteps = o.Integer("total_steps", IntegerRule.AtLeast(1), context.Run.Steps);
        int warmup = o.Integer("warmup_steps", new IntegerRule(0, totalSteps - 1, $"warm-up must end before total_steps = {NumberText.Integer(totalSteps)}"), 0);
        double peak = o.Number("peak", NumberRule.Positive);
        double final = o.Number("final", NumberRule.Between(0, peak), 0.0);
        return new CosineWithWarmupStepSize(peak, warmup, totalSteps, final);
    }

    // η_t = 4/(μ(a + t)), a = max(16κ, H): μ and κ = L/μ default to the problem's constants, H to the period of a
    // constant-period or stich schedule, so the usual scenario needs no fields at all.
    private static IStepSizeSchedule ReadStich(ScenarioObject o, StepSizeContext context)
    {
        IProblem problem = context.Problem;
        double mu = problem.StrongConvexity is double strongConvexity
            ? o.Number("mu", NumberRule.Positive, strongConvexity)
            : o.Number("mu", NumberRule.Positive);
        double condition = problem is { StrongConvexity: double m, Smoothness: double l }
            ? o.Number("condition_number", NumberRule.Positive, l / m)
            : o.Number("condition_number", NumberRule.Positive);
        int? defaultPeriod = context.Communication switch
        {
            ConstantPeriod constant => constant.Period,
            StichPeriod => StichPeriod.PeriodFor(context.Run.Steps, context.Run.Workers),
            _ => null,
        };
        var periodRule = new IntegerRule(1, context.Run.Steps, $"a period may not exceed steps = {NumberText.Integer(context.Run.Steps)}");
        int period = defaultPeriod is int fromSchedule ? o.Integer("period", periodRule, fromSchedule) : o.Integer("period", periodRule);
        return new StichStepSize(mu, condition, period);
    }
}
