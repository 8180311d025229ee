using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Cli;

/// <summary>
/// Fuzzing <c>simulate</c> as a new user would: a valid scenario broken in one way FsCheck picks (a required field
/// removed, a wrong type, a number out of range, an unknown field, truncated or garbled JSON, bytes that are not
/// UTF-8, a lone surrogate), or valid scenario with one bad flag. Every case must be bad input and nothing else:
/// exit 2, exactly one line on stderr, nothing on stdout, no --out file, never an internal error (exit 3).
/// </summary>
public sealed class MalformedInputFuzzTests : IDisposable
{
    private const int Cases = 1200;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "localsgd-fuzz-" + Guid.NewGuid().ToString("N"));

    public MalformedInputFuzzTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string Valid = """
        {"name":"fuzz-base","problem":{"family":"separable-quadratic","curvatures":[1,2],"multiplicative_noise":0.5,"additive_noise":0.1},
         "workers":2,"steps":20,"x0":1,"step_size":{"kind":"constant","value":0.1},"communication":{"kind":"constant-period","period":5},
         "checkpoints":[10,20],"replicates":4,"seed":3}
        """;

    /// <summary>A malformed input: the scenario file's bytes and the flags after --scenario FILE.</summary>
    public sealed record Case(string What, byte[] Scenario, string[] Flags)
    {
        public override string ToString() => $"{What} | flags: {string.Join(' ', Flags)} | scenario: {Encoding.UTF8.GetString(Scenario)}";
    }

    private static readonly string[] Required = ["name", "problem", "workers", "steps", "x0", "step_size", "communication"];

    // (field, a value that field refuses), as JSON text.
    private static readonly (string Field, string Value)[] Refused =
    [
        ("workers", "0"), ("workers", "-3"), ("workers", "2.5"), ("workers", "1e7"), ("workers", "\"2\""), ("workers", "null"), ("workers", "[2]"),
        ("steps", "0"), ("steps", "1e10"), ("steps", "\"20\""), ("steps", "true"),
        ("replicates", "0"), ("replicates", "-1"), ("replicates", "2147483647"), ("replicates", "2147483648"), ("replicates", "1.5"),
        ("seed", "-1"), ("seed", "1.5"), ("seed", "\"3\""), ("seed", "1e30"),
        ("confidence_level", "0"), ("confidence_level", "1"), ("confidence_level", "1.5"), ("confidence_level", "\"NaN\""),
        ("divergence_bound", "0"), ("divergence_bound", "-1"), ("divergence_bound", "1e999"),
        ("x0", "\"NaN\""), ("x0", "[1,2,3]"), ("x0", "{}"), ("x0", "1e999"),
        ("name", "\"\""), ("name", "5"), ("name", "\"\\ud800\""), ("description", "7"), ("$schema", "5"),
        ("checkpoints", "[0]"), ("checkpoints", "[21]"), ("checkpoints", "{\"count\":0}"), ("output", "\"middle\""),
        ("problem", "{\"family\":\"no-such-family\"}"), ("problem", "{\"family\":\"separable-quadratic\",\"curvatures\":[],\"multiplicative_noise\":0,\"additive_noise\":0}"),
        ("problem", "{\"family\":\"separable-quadratic\",\"curvatures\":[-1],\"multiplicative_noise\":0,\"additive_noise\":0}"),
        ("problem", "{\"family\":\"least-squares\",\"rows\":20,\"columns\":2,\"noise_level\":0,\"data_seed\":1,\"column_scales\":[1e300,1]}"),
        ("problem", "{\"family\":\"least-squares\",\"rows\":20,\"columns\":2,\"noise_level\":0,\"data_seed\":1,\"column_scales\":[1,1e-300]}"),
        ("step_size", "{\"kind\":\"constant\",\"value\":-1}"), ("step_size", "{\"kind\":\"sideways\"}"),
        ("communication", "{\"kind\":\"constant-period\",\"period\":0}"), ("communication", "{\"kind\":\"constant-period\",\"period\":21}"), ("communication", "{\"kind\":\"sometimes\"}"),
    ];

    // (flag, a value it refuses).
    private static readonly (string Flag, string Value)[] BadFlags =
    [
        ("--replicates", "0"), ("--replicates", "-1"), ("--replicates", "abc"), ("--replicates", "2147483647"), ("--replicates", "3000000000"), ("--replicates", "1.5"),
        ("--seed", "-1"), ("--seed", "abc"), ("--seed", "18446744073709551616"), ("--threads", "-1"), ("--threads", "x"),
        ("--format", "xml"), ("--format", ""), ("--max-memory", "0"), ("--max-memory", "-5G"), ("--max-memory", "lots"), ("--max-memory", "1K"),
        ("--no-such-flag", "1"),
    ];

    private static Gen<Case> Cases_() =>
        Gen.OneOf(
            Gen.Elements(Required).Select(field => Broken($"without {field}", root => root.Remove(field))),
            Gen.Elements(Refused).Select(pair => pair.Value.Contains("\\ud800", StringComparison.Ordinal)
                // A lone surrogate cannot pass through JsonNode (which refuses it too): the text is edited instead.
                ? new Case($"{pair.Field} = {pair.Value}", Encoding.UTF8.GetBytes(Valid.Replace("\"fuzz-base\"", pair.Value, StringComparison.Ordinal)), [])
                : Broken($"{pair.Field} = {pair.Value}", root => root[pair.Field] = JsonNode.Parse(pair.Value))),
            Gen.Choose(0, 1_000_000).Select(n => Broken($"unknown field zz_{n}", root => root[$"zz_{n}"] = n)),
            Gen.Choose(1, Valid.Length - 2).Select(cut => new Case($"cut at {cut}", Encoding.UTF8.GetBytes(Valid[..cut]), [])),
            Gen.Choose(0, Valid.Length - 1).SelectMany(at => Gen.Elements("}", "{", "]", ",,", "\"", ":", "@", "NaN", "//").Select(junk => Garbled(at, junk))),
            Gen.Choose(0xC0, 0xFF).Select(bad => NotUtf8((byte)bad)),
            Gen.Elements(BadFlags).SelectMany(flag => Gen.Choose(0, 1).Select(withOut => new Case($"{flag.Flag} {flag.Value}", Encoding.UTF8.GetBytes(Valid), [flag.Flag, flag.Value]))));

    private static Case Broken(string what, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        change(root);
        return new Case(what, Encoding.UTF8.GetBytes(root.ToJsonString()), []);
    }

    // Junk inserted inside the object (never after its closing brace, where a trailing comment could be harmless).
    private static Case Garbled(int at, string junk)
    {
        string text = Valid.TrimEnd();
        int position = Math.Min(at, text.Length - 1);
        // Junk that is harmless where it lands (a "//" in a string, a brace inside a string) is not malformed: put it
        // between two fields instead, where every piece of junk above breaks the grammar.
        int comma = text.IndexOf(',', position);
        if (comma < 0) comma = text.IndexOf(',');
        string garbled = text[..(comma + 1)] + junk + (junk == "//" ? "\n" + "}" : "") + text[(comma + 1)..];
        return new Case($"'{junk}' after byte {comma}", Encoding.UTF8.GetBytes(garbled), []);
    }

    private static Case NotUtf8(byte bad)
    {
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        int at = Valid.IndexOf("fuzz-base", StringComparison.Ordinal) + 4;
        // A lead byte followed by '-': never a valid UTF-8 sequence (0xC0, 0xC1 and 0xF5..0xFF are never valid at all).
        byte[] broken = [.. valid[..at], bad, .. valid[at..]];
        return new Case($"byte 0x{bad:X2} in the name", broken, []);
    }

    [Fact]
    public void EveryMalformedScenarioOrFlagIsOneLineOfBadInputAndWritesNothing()
    {
        var environment = new CliEnvironment(null, ProblemReaderRegistry.Default);
        int index = 0;
        Prop.ForAll(Cases_().ToArbitrary(), input =>
        {
            string scenario = Path.Combine(folder, $"case-{index}.json");
            string output = Path.Combine(folder, $"case-{index++}.out");
            File.WriteAllBytes(scenario, input.Scenario);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            string[] args = ["simulate", "--scenario", scenario, .. input.Flags, "--out", output];
            int code = CommandLineApplication.Run(args, stdout, stderr, environment);
            string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            bool ok = code == ExitCodes.BadInput && stdout.ToString().Length == 0 && !File.Exists(output)
                && lines.Length == 1
                && Directory.EnumerateFileSystemEntries(folder).All(path => !Path.GetFileName(path).StartsWith($".case-", StringComparison.Ordinal));
            return ok.Label($"exit {code}; stderr: {stderr}; stdout: {stdout.ToString().Length} chars");
        }).Check(TestSeeds.Properties(Cases));
    }
}
