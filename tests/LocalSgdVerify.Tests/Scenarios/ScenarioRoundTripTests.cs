using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using Microsoft.FSharp.Core;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>
/// Law: writing a scenario and reading it back gives an equal configuration (same problem parameters, same η_t
/// bit for bit, same sync steps, same output weights, same checkpoints), and writing is idempotent.
/// Scenarios are generated from integers over every problem family (and each of its alternative forms: listed or
/// generated spectra, seeded or explicit bases, listed or generated worker optima, optional fields present or
/// absent), every step-size, schedule, output and checkpoint form.
/// </summary>
public class ScenarioRoundTripTests
{
    /// <summary>Fixed replay (gamma odd) so the property is derandomized; a failure prints the case.</summary>
    private static readonly Config Derandomized = Config.QuickThrowOnFailure
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5CE7_A210_2026UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)))
        .WithMaxTest(200);

    [Fact]
    public void WrittenScenariosReadBackEqual()
    {
        Prop.ForAll(ScenarioGenerator.Scenarios.ToArbitrary(), json =>
        {
            Scenario original = ScenarioTestFiles.Read(json);
            string written = ScenarioWriter.ToJson(original);
            Scenario reread = ScenarioTestFiles.Read(written);
            AssertEquivalent(original, reread);
            Assert.Equal(written, ScenarioWriter.ToJson(reread));
        }).Check(Derandomized);
    }

    private static void AssertEquivalent(Scenario expected, Scenario actual)
    {
        Assert.Equal((expected.Name, expected.Description, expected.Replicates, expected.Seed, expected.ConfidenceLevel),
            (actual.Name, actual.Description, actual.Replicates, actual.Seed, actual.ConfidenceLevel));
        LocalSgdConfiguration a = expected.Configuration, b = actual.Configuration;
        Assert.Equal(a.Problem.GetType(), b.Problem.GetType());
        Assert.Equal(a.Problem.Parameters.Keys.Order(), b.Problem.Parameters.Keys.Order());
        foreach ((string key, object value) in a.Problem.Parameters) Assert.Equal(Canonical(value), Canonical(b.Problem.Parameters[key]));
        // Equal parameters must mean an equal problem: the derived constants agree bit for bit.
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Problem.OptimalValue), BitConverter.DoubleToInt64Bits(b.Problem.OptimalValue));
        Assert.Equal(a.Problem.Optimum?.ToArray(), b.Problem.Optimum?.ToArray());
        Assert.Equal((a.Problem.StrongConvexity, a.Problem.Smoothness), (b.Problem.StrongConvexity, b.Problem.Smoothness));
        Assert.Equal((a.Workers, a.Steps, a.DivergenceBound), (b.Workers, b.Steps, b.DivergenceBound));
        Assert.Equal(a.InitialPoint, b.InitialPoint);
        Assert.Equal(a.StepSize.GetType(), b.StepSize.GetType());
        for (int t = 0; t < a.Steps; t++) Assert.Equal(BitConverter.DoubleToInt64Bits(a.StepSize.At(t)), BitConverter.DoubleToInt64Bits(b.StepSize.At(t)));
        Assert.Equal(a.Communication.GetType(), b.Communication.GetType());
        Assert.Equal(a.Communication.Parameters, b.Communication.Parameters);
        Assert.Equal(a.StaticSyncSteps, b.StaticSyncSteps);
        Assert.Equal(a.Output.Kind, b.Output.Kind);
        for (int t = 1; t <= a.Steps; t++) Assert.Equal(a.Output.Weight(t), b.Output.Weight(t));
        Assert.Equal(a.Checkpoints, b.Checkpoints);
    }

    // A parameter value (number, text, list, list of lists) as JSON text: equal doubles give equal text and
    // different doubles different text, since the writer uses the shortest round-trip form.
    private static string Canonical(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) JsonValueWriter.Write(writer, value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Generates valid scenario JSON from bounded integers (no NaN, no ±∞ by construction).</summary>
internal static class ScenarioGenerator
{
    public static Gen<string> Scenarios =>
        from steps in Gen.Choose(1, 200)
        from workers in Gen.Choose(1, 8)
        from problem in Problems(workers)
        from x0 in InitialPoint(problem.Dimension)
        from communication in Communication(steps)
        from stepSize in StepSize(steps, (string)communication["kind"]!, problem.HasConstants)
        from output in Output((string)stepSize["kind"]!)
        from checkpoints in Checkpoints(steps)
        from replicates in Gen.Choose(1, 1000)
        from seedHigh in Gen.Choose(0, int.MaxValue)
        from seedLow in Gen.Choose(0, int.MaxValue)
        from level in Gen.Choose(1, 99)
        from boundExponent in Gen.Choose(1, 300)
        select Build(steps, workers, problem.Json, x0, communication, stepSize, output, checkpoints, replicates,
            ((ulong)seedHigh << 32) ^ (ulong)seedLow, level / 100.0, Math.Pow(10, boundExponent));

    private static string Build(int steps, int workers, JsonObject problem, JsonNode x0, JsonObject communication, JsonObject stepSize,
        JsonNode? output, JsonNode? checkpoints, int replicates, ulong seed, double level, double bound)
    {
        var scenario = new JsonObject
        {
            ["name"] = "generated",
            ["description"] = "a generated scenario",
            ["problem"] = problem,
            ["workers"] = workers,
            ["steps"] = steps,
            ["x0"] = x0,
            ["step_size"] = stepSize,
            ["communication"] = communication,
            ["replicates"] = replicates,
            ["seed"] = seed,
            ["confidence_level"] = level,
            ["divergence_bound"] = bound,
        };
        if (output is not null) scenario["output"] = output;
        if (checkpoints is not null) scenario["checkpoints"] = checkpoints;
        return scenario.ToJsonString();
    }

    /// <summary>A problem object with its dimension; <paramref name="HasConstants"/> is false when μ and L are undefined (the uv toy).</summary>
    private sealed record GeneratedProblem(JsonObject Json, int Dimension, bool HasConstants = true);

    private static Gen<GeneratedProblem> Problems(int workers) => Gen.OneOf(
        from dimension in Gen.Choose(1, 4)
        from curvatures in Gen.ListOf(Gen.Choose(1, 40), dimension)
        from multiplicative in Gen.Choose(0, 10)
        from additive in Gen.Choose(0, 20)
        select new GeneratedProblem(new JsonObject
        {
            ["family"] = "separable-quadratic",
            ["curvatures"] = Numbers(curvatures, 10),
            ["multiplicative_noise"] = multiplicative / 10.0,
            ["additive_noise"] = additive / 10.0,
        }, dimension),
        from curvature in Gen.Choose(1, 30)
        from noise in Gen.Choose(0, 80)
        select new GeneratedProblem(new JsonObject { ["family"] = "kink", ["curvature"] = curvature / 10.0, ["noise"] = noise / 10.0 }, 1),
        from noise in Gen.Choose(0, 80)
        select new GeneratedProblem(new JsonObject { ["family"] = "smooth", ["noise"] = noise / 10.0 }, 1),
        DenseQuadratics,
        LeastSquaresProblems,
        from rows in Gen.Choose(1, 30)
        from columns in Gen.Choose(1, 4)
        from regularization in Gen.Choose(1, 30)
        from batch in Gen.Choose(0, 5)
        from seed in DataSeeds
        select new GeneratedProblem(Optional(new JsonObject
        {
            ["family"] = "logistic-regression", ["rows"] = rows, ["columns"] = columns, ["regularization"] = regularization / 10.0, ["data_seed"] = seed,
        }, ("batch_size", batch == 0 ? null : (JsonNode)batch)), columns),
        HeterogeneousQuadratics(workers),
        from labelNoise in Gen.Choose(0, 30)
        from localBatch in Gen.Choose(0, 8)
        select new GeneratedProblem(Optional(new JsonObject { ["family"] = "label-noise-uv", ["label_noise"] = labelNoise / 10.0 },
            ("local_batch", localBatch == 0 ? null : (JsonNode)localBatch)), 2, HasConstants: false));

    // Eigenvalues listed or as a spectrum object; basis from a seed or listed (a seeded orthogonal matrix written out).
    private static Gen<GeneratedProblem> DenseQuadratics =>
        from dimension in Gen.Choose(1, 4)
        from form in Gen.Choose(0, 2)
        from eigenvalues in Gen.ListOf(Gen.Choose(1, 40), dimension)
        from smallest in Gen.Choose(1, 20)
        from ratio in Gen.Choose(1, 50)
        from noise in Gen.Choose(0, 20)
        from seed in DataSeeds
        from explicitBasis in Gen.Elements(false, false, true)
        from optimum in Gen.ListOf(Gen.Choose(-20, 20), dimension)
        from withOptimum in Gen.Elements(false, true)
        let largest = dimension == 1 ? smallest : smallest * ratio
        let json = new JsonObject
        {
            ["family"] = "dense-quadratic",
            ["noise"] = noise / 10.0,
        }
        select new GeneratedProblem(Optional(json,
            ("eigenvalues", form == 0 ? Numbers(eigenvalues, 10) : null),
            ("spectrum", form == 0 ? null : new JsonObject
            {
                ["kind"] = form == 1 ? "linear" : "geometric", ["dimension"] = dimension, ["mu"] = smallest / 10.0, ["l"] = largest / 10.0,
            }),
            ("data_seed", explicitBasis ? null : (JsonNode)seed),
            ("eigenvectors", explicitBasis ? Rows(DenseQuadratic.RandomOrthogonal(dimension, seed).ToRowArrays()) : null),
            ("optimum", withOptimum ? Numbers(optimum, 10) : null)), dimension);

    private static Gen<GeneratedProblem> LeastSquaresProblems =>
        from rows in Gen.Choose(1, 30)
        from columns in Gen.Choose(1, 4)
        from rank in Gen.Choose(0, columns)
        from batch in Gen.Choose(0, 5)
        from noise in Gen.Choose(0, 20)
        from seed in DataSeeds
        from scales in Gen.ListOf(Gen.Choose(1, 30), columns)
        from withScales in Gen.Elements(false, true)
        select new GeneratedProblem(Optional(new JsonObject
        {
            ["family"] = "least-squares", ["rows"] = rows, ["columns"] = columns, ["noise_level"] = noise / 10.0, ["data_seed"] = seed,
        }, ("rank", rank == 0 ? null : (JsonNode)rank), ("batch_size", batch == 0 ? null : (JsonNode)batch), ("column_scales", withScales ? Numbers(scales, 10) : null)), columns);

    // One optimum per worker, listed or generated (with or without a center).
    private static Gen<GeneratedProblem> HeterogeneousQuadratics(int workers) =>
        from dimension in Gen.Choose(1, 3)
        from curvatures in Gen.ListOf(Gen.Choose(1, 40), dimension)
        from noise in Gen.Choose(0, 20)
        from listed in Gen.Elements(false, true)
        from optima in Gen.ListOf(Gen.ListOf(Gen.Choose(-20, 20), dimension), workers)
        from spread in Gen.Choose(0, 30)
        from seed in DataSeeds
        from center in Gen.ListOf(Gen.Choose(-20, 20), dimension)
        from withCenter in Gen.Elements(false, true)
        select new GeneratedProblem(Optional(new JsonObject
        {
            ["family"] = "heterogeneous-quadratics", ["curvatures"] = Numbers(curvatures, 10), ["noise"] = noise / 10.0,
        },
            ("optima", listed ? new JsonArray(optima.Select(optimum => (JsonNode)Numbers(optimum, 10)).ToArray()) : null),
            ("spread", listed ? null : (JsonNode)(spread / 10.0)),
            ("data_seed", listed ? null : (JsonNode)seed),
            ("center", !listed && withCenter ? Numbers(center, 10) : null)), dimension);

    // Seeds across the whole 0..2^64-1 range, so that a seed written as a double would lose digits and fail the law.
    private static Gen<ulong> DataSeeds =>
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((ulong)high << 33) ^ (ulong)low;

    private static JsonArray Numbers(IEnumerable<int> values, double divisor) => new(values.Select(v => (JsonNode)(v / divisor)).ToArray());

    private static JsonArray Rows(double[][] rows) => new(rows.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray());

    // Adds the fields whose value is not null (absent fields take their defaults).
    private static JsonObject Optional(JsonObject node, params (string Name, JsonNode? Value)[] fields)
    {
        foreach ((string name, JsonNode? value) in fields)
            if (value is not null) node[name] = value;
        return node;
    }

    private static Gen<JsonNode> InitialPoint(int dimension) => Gen.OneOf(
        Gen.Choose(-50, 50).Select(x => (JsonNode)(x / 10.0)),
        Gen.ListOf(Gen.Choose(-50, 50), dimension).Select(xs => (JsonNode)new JsonArray(xs.Select(x => (JsonNode)(x / 10.0)).ToArray())));

    private static Gen<JsonObject> Communication(int steps) => Gen.OneOf(
        Gen.Constant(Kind("every-step")),
        Gen.Constant(Kind("one-shot")),
        Gen.Choose(1, steps).Select(period => Kind("constant-period", ("period", period))),
        Rounds(steps).Select(rounds => Kind("constant-rounds", ("rounds", rounds))),
        Rounds(steps).Select(rounds => Kind("increasing-intervals", ("rounds", rounds))),
        Gen.Constant(Kind("stich")),
        Gen.Choose(1, 30).Select(scale => Kind("haddadpour", ("scale", scale / 10.0))),
        from initial in Gen.Choose(1, steps)
        from rounds in Gen.Choose(1, steps)
        select Kind("ada-lupa-linear", ("initial_period", initial), ("rounds", rounds)),
        Gen.Choose(1, steps).Select(initial => Kind("ada-lupa-loss", ("initial_period", initial))),
        from basePeriod in Gen.Choose(1, steps)
        from alpha in Gen.Choose(1, 100)
        from warmup in Gen.Choose(0, steps)
        select Kind("qsr", ("base_period", basePeriod), ("alpha", alpha / 100.0), ("warmup_steps", warmup)),
        Gen.SubListOf(Enumerable.Range(1, steps - 1)).Select(list =>
            Kind("explicit", ("steps", new JsonArray(list.Append(steps).Select(s => (JsonNode)s).ToArray())))),
        from length in Gen.Choose(1, steps)
        from growth in Gen.Choose(0, 30)
        select Kind("growing-phases", ("initial_length", length), ("growth_exponent", growth / 10.0)));

    private static Gen<JsonNode> Rounds(int steps) => Gen.OneOf(
        Gen.Choose(1, steps).Select(r => (JsonNode)r),
        Gen.Choose(0, 20).Select(p => (JsonNode)new JsonObject { ["workers_power"] = p / 10.0 }));

    private static Gen<JsonObject> StepSize(int steps, string communicationKind, bool problemHasConstants) =>
        from stepSize in Gen.OneOf(
            Gen.Choose(1, 50).Select(v => Kind("constant", ("value", v / 100.0))),
            from alpha in Gen.Choose(1, 50)
            from beta in Gen.Choose(1, 20)
            from mu in Gen.Choose(1, 30)
            select Kind("inverse-time", ("alpha", alpha / 10.0), ("beta", beta), ("mu", mu / 10.0)),
            from alpha in Gen.Choose(1, 50)
            from beta in Gen.Choose(1, 20)
            from cap in Gen.Choose(1, 100)
            select Kind("capped-inverse-time", ("alpha", alpha / 10.0), ("beta", beta), ("cap", cap / 100.0)),
            from initial in Gen.Choose(1, 100)
            from exponent in Gen.Choose(0, 100)
            select Kind("polynomial-decay", ("initial", initial / 100.0), ("exponent", exponent / 100.0)),
            from peak in Gen.Choose(1, 100)
            from warmup in Gen.Choose(0, steps - 1)
            from divisor in Gen.Choose(1, 10)
            select Kind("cosine", ("peak", peak / 100.0), ("warmup_steps", warmup), ("final", peak / 100.0 / divisor)),
            communicationKind is "stich" or "constant-period"
                ? problemHasConstants
                    ? Gen.Constant(Kind("stich"))
                    // μ and κ default to the problem's; without them they are given, the period still defaults to the schedule's.
                    : from mu in Gen.Choose(1, 30)
                      from condition in Gen.Choose(1, 50)
                      select Kind("stich", ("mu", mu / 10.0), ("condition_number", condition / 10.0))
                : from mu in Gen.Choose(1, 30)
                  from condition in Gen.Choose(1, 50)
                  from period in Gen.Choose(1, steps)
                  select Kind("stich", ("mu", mu / 10.0), ("condition_number", condition / 10.0), ("period", period)))
        from rounded in Gen.Elements(false, false, true)
        select rounded ? With(stepSize, ("round_to_power_of_two", true)) : stepSize;

    private static Gen<JsonNode?> Output(string stepSizeKind) => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements<JsonNode?>("last-average", "polyak-ruppert"),
        Gen.Choose(0, 100).Select(shift => (JsonNode?)new JsonObject { ["kind"] = "stich-weighted", ["shift"] = shift }),
        stepSizeKind == "stich" ? Gen.Constant<JsonNode?>("stich-weighted") : Gen.Constant<JsonNode?>("polyak-ruppert"));

    private static Gen<JsonNode?> Checkpoints(int steps) => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.SubListOf(Enumerable.Range(1, steps)).Where(list => list.Count > 0)
            .Select(list => (JsonNode?)new JsonArray(list.Select(s => (JsonNode)s).ToArray())),
        from count in Gen.Choose(1, steps)
        from spacing in Gen.Elements("log", "linear")
        select (JsonNode?)new JsonObject { ["count"] = count, ["spacing"] = spacing });

    private static JsonObject Kind(string kind, params (string Name, JsonNode? Value)[] fields)
        => With(new JsonObject { ["kind"] = kind }, fields);

    private static JsonObject With(JsonObject node, params (string Name, JsonNode? Value)[] fields)
    {
        var copy = JsonNode.Parse(node.ToJsonString())!.AsObject();
        foreach ((string name, JsonNode? value) in fields) copy[name] = value;
        return copy;
    }
}
