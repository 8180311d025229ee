using LocalSgdVerify.Model.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>
/// Each bad scenario gives one <see cref="ScenarioException"/> whose field is the JSON path and whose message names
/// the path, the value as written and what is allowed. Expected messages are written out in full (a trailing
/// "..." means the rest of the message is a long list checked elsewhere).
/// </summary>
public class ScenarioErrorTests
{
    private const string Families = "dense-quadratic, heterogeneous-quadratics, kink, label-noise-uv, least-squares, logistic-regression, separable-quadratic, smooth";

    private const string CommunicationKinds = "every-step, one-shot, constant-period, constant-rounds, increasing-intervals, stich, haddadpour, ada-lupa-linear, ada-lupa-loss, qsr, explicit, growing-phases, hierarchical";

    public static TheoryData<string, string?, string, string> Cases => new()
    {
        // target field, new value (JSON; null removes the field), expected field path, expected message
        { "communication", """{"kind":"constant-period","peroid":5}""", "communication.peroid",
            "unknown field 'peroid' in communication (did you mean 'period'?); known fields: kind, period." },
        { "worker", "4", "worker", "unknown field 'worker' in the top level (did you mean 'workers'?); known fields: $schema, name, ..." },
        { "problem.family", "\"quartic\"", "problem.family", $"problem.family = \"quartic\" is not allowed: expected one of {Families}." },
        { "problem.family", null, "problem.family", $"problem.family is missing: expected one of {Families}." },
        { "problem.noise", "8", "problem.noise", "unknown field 'noise' in problem; known fields: family, curvatures, multiplicative_noise, additive_noise." },
        { "step_size", """{"kind":"constant","value":-0.1}""", "step_size.value", "step_size.value = -0.1 is not allowed: expected a finite number > 0." },
        { "step_size", """{"kind":"constant","value":0}""", "step_size.value", "step_size.value = 0 is not allowed: expected a finite number > 0." },
        { "step_size", """{"kind":"inverse-time","alpha":-3}""", "step_size.alpha", "step_size.alpha = -3 is not allowed: expected a finite number > 0." },
        { "workers", "0", "workers", "workers = 0 is not allowed: expected an integer in 1..1000000." },
        { "steps", "0", "steps", "steps = 0 is not allowed: expected an integer in 1..1000000000." },
        { "steps", "2.5", "steps", "steps = 2.5 is not allowed: expected an integer in 1..1000000000." },
        { "steps", null, "steps", "steps is missing: expected an integer in 1..1000000000." },
        { "communication", """{"kind":"constant-rounds","rounds":1001}""", "communication.rounds",
            "communication.rounds = 1001 is not allowed: expected an integer in 1..1000 (rounds may not exceed steps = 1000)." },
        { "communication", """{"kind":"increasing-intervals","rounds":5000}""", "communication.rounds",
            "communication.rounds = 5000 is not allowed: expected an integer in 1..1000 (rounds may not exceed steps = 1000)." },
        { "communication", """{"kind":"ada-lupa-linear","initial_period":5,"rounds":2000}""", "communication.rounds",
            "communication.rounds = 2000 is not allowed: expected an integer in 1..1000 (rounds may not exceed steps = 1000)." },
        { "communication", """{"kind":"constant-rounds","rounds":{"workers_power":3}}""", "communication.rounds.workers_power",
            "communication.rounds.workers_power = 3 is not allowed: expected a number in [0, 2]." },
        { "communication", """{"kind":"constant-rounds","rounds":"sqrt"}""", "communication.rounds",
            "communication.rounds = \"sqrt\" is not allowed: expected an integer in 1..1000 (rounds may not exceed steps = 1000) or an object {\"workers_power\": p} with p in [0, 2] for R = ceil(N^p)." },
        { "communication.period", "2.5", "communication.period",
            "communication.period = 2.5 is not allowed: expected an integer in 1..1000 (a period may not exceed steps = 1000)." },
        { "communication.period", "1001", "communication.period",
            "communication.period = 1001 is not allowed: expected an integer in 1..1000 (a period may not exceed steps = 1000)." },
        { "communication", """{"kind":"qsr","base_period":2}""", "communication.alpha", "communication.alpha is missing: expected a finite number > 0." },
        { "communication.kind", "\"every_step\"", "communication.kind", $"communication.kind = \"every_step\" is not allowed: expected one of {CommunicationKinds}." },
        { "communication", """{"kind":"explicit","steps":[100,500,900]}""", "communication.steps",
            "communication.steps = [100,500,900] is not allowed: expected a strictly increasing list of steps in 1..1000 that ends at T = 1000; the last sync must be at T, but the list ends at 900." },
        { "communication", """{"kind":"explicit","steps":[100,100,1000]}""", "communication.steps[1]",
            "communication.steps[1] = 100 is not allowed: expected a step > 100 (the list must be strictly increasing)." },
        { "communication", """{"kind":"explicit","steps":[100,1200]}""", "communication.steps[1]",
            "communication.steps[1] = 1200 is not allowed: expected an integer in 1..1000 (steps = 1000)." },
        { "step_size.kind", "\"linear\"", "step_size.kind",
            "step_size.kind = \"linear\" is not allowed: expected one of constant, inverse-time, capped-inverse-time, polynomial-decay, cosine, stich." },
        { "step_size", """{"kind":"cosine","peak":0.1,"warmup_steps":1000}""", "step_size.warmup_steps",
            "step_size.warmup_steps = 1000 is not allowed: expected an integer in 0..999 (warm-up must end before total_steps = 1000)." },
        { "step_size", """{"kind":"polynomial-decay","initial":0.1,"exponent":1.5}""", "step_size.exponent",
            "step_size.exponent = 1.5 is not allowed: expected a number in [0, 1]." },
        { "step_size.round_to_power_of_two", "\"yes\"", "step_size.round_to_power_of_two",
            "step_size.round_to_power_of_two = \"yes\" is not allowed: expected true or false." },
        { "x0", "[1,2]", "x0",
            "x0 = [1,2] is not allowed: expected a finite number (used for every coordinate) or a list of 3 finite numbers (the problem's dimension d = 3)." },
        { "x0", "\"NaN\"", "x0",
            "x0 = \"NaN\" is not allowed: expected a finite number (JSON has no NaN or Infinity, and numbers are never written as strings)." },
        { "x0", "[1,\"-Infinity\",3]", "x0[1]",
            "x0[1] = \"-Infinity\" is not allowed: expected a finite number (JSON has no NaN or Infinity, and numbers are never written as strings)." },
        { "problem.additive_noise", "\"NaN\"", "problem.additive_noise",
            "problem.additive_noise = \"NaN\" is not allowed: expected a finite number >= 0 (JSON has no NaN or Infinity, and numbers are never written as strings)." },
        { "problem.additive_noise", "\"0.5\"", "problem.additive_noise",
            "problem.additive_noise = \"0.5\" is not allowed: expected a finite number >= 0 (a JSON number, not a string)." },
        { "problem.curvatures", "[1,\"Infinity\",3]", "problem.curvatures[1]",
            "problem.curvatures[1] = \"Infinity\" is not allowed: expected a finite number > 0 (JSON has no NaN or Infinity, and numbers are never written as strings)." },
        { "problem.curvatures", "[1,0,3]", "problem.curvatures[1]", "problem.curvatures[1] = 0 is not allowed: expected a finite number > 0." },
        { "problem.curvatures", "[]", "problem.curvatures", "problem.curvatures = [] is not allowed: expected a non-empty list of numbers." },
        { "seed", "-1", "seed", "seed = -1 is not allowed: expected an integer in 0..18446744073709551615." },
        { "replicates", "0", "replicates", "replicates = 0 is not allowed: expected an integer in 1..100000000." },
        { "confidence_level", "1", "confidence_level", "confidence_level = 1 is not allowed: expected a number in (0, 1)." },
        { "divergence_bound", "0", "divergence_bound", "divergence_bound = 0 is not allowed: expected a finite number > 0." },
        { "checkpoints", "[10,5]", "checkpoints[1]", "checkpoints[1] = 5 is not allowed: expected a step > 10 (the list must be strictly increasing)." },
        { "checkpoints", "[2000]", "checkpoints[0]", "checkpoints[0] = 2000 is not allowed: expected an integer in 1..1000 (steps = 1000)." },
        { "checkpoints", """{"count":0}""", "checkpoints.count",
            "checkpoints.count = 0 is not allowed: expected an integer in 1..1000 (at most one checkpoint per step, steps = 1000)." },
        { "checkpoints", """{"count":5,"spacing":"geometric"}""", "checkpoints.spacing",
            "checkpoints.spacing = \"geometric\" is not allowed: expected one of log, linear." },
        { "output", "\"average\"", "output", "output = \"average\" is not allowed: expected one of last-average, polyak-ruppert, stich-weighted." },
        { "output", "\"stich-weighted\"", "output.shift",
            "output.shift is missing: expected a finite number >= 0 (give {\"kind\": \"stich-weighted\", \"shift\": a}; it defaults to a only with a stich step size)." },
        { "output", """{"kind":"polyak-ruppert","shift":3}""", "output.shift", "unknown field 'shift' in output; known fields: kind." },
        { "name", "\"\"", "name", "name = \"\" is not allowed: expected a non-empty string." },
        { "problem", "\"kink\"", "problem", "problem = \"kink\" is not allowed: expected an object with a field 'family'." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadFieldGivesOneMessageNamingItsPath(string target, string? value, string field, string message)
    {
        string json = ScenarioTestFiles.Base().With(target, value).ToJsonString();
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(json));
        Assert.Equal(field, error.Field);
        AssertMessage(message, error.Message);
    }

    [Fact]
    public void BaseScenarioIsValid()
    {
        // The error cases above change one field of this scenario; it must itself be accepted.
        Scenario scenario = ScenarioTestFiles.Read(ScenarioTestFiles.Base());
        Assert.Equal(1000, scenario.Configuration.Steps);
    }

    [Theory]
    [InlineData("""{"name":"x","workers":4,"steps":1e999}""", "steps", "steps = 1e999 is not allowed: expected an integer in 1..1000000000.")]
    [InlineData("""{"name":"x","workers":4,"steps":10,"problem":{"family":"kink","noise":1e999}}""", "problem.noise",
        "problem.noise = 1e999 is not allowed: expected a finite number >= 0.")]
    [InlineData("""{"name":"x","workers":4,"workers":5}""", "workers", "duplicate field 'workers' in the top level; each field may appear once.")]
    [InlineData("[1, 2]", "(top level)", "(top level) = [1, 2] is not allowed: expected a JSON object with the fields $schema, name, ...")]
    public void ValuesJsonCannotExpressSafelyAreRefused(string json, string field, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(json));
        Assert.Equal(field, error.Field);
        AssertMessage(message, error.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheLineAndPosition()
    {
        // Line 3 is `  "workers": 4,,`: two spaces, "workers" (9 bytes), ':', ' ', '4', ',' fill bytes 1..15, so the
        // second comma, the first byte that cannot follow, is at position 16.
        const string json = "{\n  \"name\": \"x\",\n  \"workers\": 4,,\n  \"steps\": 10\n}";
        var error = Assert.Throws<ScenarioException>(() => new ScenarioReader().Read(json, "broken.json"));
        Assert.Equal("broken.json", error.Field);
        Assert.StartsWith("scenario file 'broken.json' is not valid JSON at line 3, position 16: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void TrailingCommaIsMalformed()
    {
        const string json = "{\"name\": \"x\",}";
        var error = Assert.Throws<ScenarioException>(() => new ScenarioReader().Read(json, "comma.json"));
        Assert.StartsWith("scenario file 'comma.json' is not valid JSON at line 1, position ", error.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-scenario-{Guid.NewGuid():N}.json");
        var error = Assert.Throws<ScenarioException>(() => new ScenarioReader().ReadFile(path));
        Assert.Equal(path, error.Field);
        Assert.Equal($"scenario file '{path}' does not exist.", error.Message);
    }

    [Fact]
    public void UnknownFamilyListsEveryRegisteredFamily()
    {
        // "uv-toy" was the proposed name of the label-noise toy; the family is named after the problem's Family.
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("problem.family", "\"uv-toy\"")));
        Assert.Equal($"problem.family = \"uv-toy\" is not allowed: expected one of {Families}.", error.Message);
        Assert.Equal(Families, string.Join(", ", LocalSgdVerify.Model.Scenarios.ProblemReaders.ProblemReaderRegistry.Default.Families));
    }

    [Fact]
    public void UnknownTopLevelFieldListsEveryKnownField()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("worker", "4")));
        Assert.EndsWith("known fields: " + string.Join(", ", ScenarioReader.TopLevelFields) + ".", error.Message);
    }

    internal static void AssertMessage(string expected, string actual)
    {
        if (expected.EndsWith("...", StringComparison.Ordinal)) Assert.StartsWith(expected[..^3], actual);
        else Assert.Equal(expected, actual);
    }
}
