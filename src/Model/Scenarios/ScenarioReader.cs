using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Scenarios.Schema;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads a scenario file (JSON, schema in docs/scenario.md) into a <see cref="Scenario"/>. Fields are read in
/// dependency order (N and T, then the problem, x0, the schedule, η, the output, the checkpoints), each with its
/// range, and any refusal is one <see cref="ScenarioException"/> naming the JSON path, the value and what is
/// allowed. Comments (// and /* */) are allowed; trailing commas and duplicate fields are not.
/// </summary>
public sealed partial class ScenarioReader(ProblemReaderRegistry? problems = null)
{
    /// <summary>Largest T accepted: the simulator keeps a flag per step.</summary>
    public const int MaximumSteps = 1_000_000_000;

    /// <summary>Largest N accepted: the simulator keeps N·d doubles per thread.</summary>
    public const int MaximumWorkers = 1_000_000;

    /// <summary>Largest R accepted: the simulator keeps one error per replicate and checkpoint (10⁸ replicates are 800 MB per checkpoint).</summary>
    public const int MaximumReplicates = 100_000_000;

    /// <summary>The top-level field table, in documentation order (docs/scenario.schema.json is built from it).</summary>
    public static IReadOnlyList<ScenarioField> Fields { get; } =
    [
        ScenarioField.Optional("$schema", SchemaShape.Text(), "Path or URL of this schema, for editors."),
        ScenarioField.Needed("name", SchemaShape.Text(minimumLength: 1), "Short identifier."),
        ScenarioField.Optional("description", SchemaShape.Text().WithDefault(""), "Free text."),
        ScenarioField.Needed("problem", SchemaShape.OneOf(ProblemReaderRegistry.Default.Readers
            .Select(reader => SchemaShape.Tagged("family", reader.Family, reader.Summary, reader.FieldTable, reader.FieldRules)).ToArray()),
            "The objective and its stochastic gradient oracle."),
        ScenarioField.Needed("workers", SchemaShape.Integer(1, MaximumWorkers), "N, the number of workers, 1..1000000."),
        ScenarioField.Needed("steps", SchemaShape.Integer(1, MaximumSteps), "T, the number of local steps per worker, 1..1000000000."),
        ScenarioField.Needed("x0", SchemaShape.OneOf(SchemaShape.Number(NumberRule.Finite), SchemaShape.List(SchemaShape.Number(NumberRule.Finite))),
            "Initial point shared by every worker: one number for every coordinate, or a list of d numbers."),
        ScenarioField.Needed("step_size", StepSizeReader.Shape, "eta_t for t = 0..T-1."),
        ScenarioField.Needed("communication", CommunicationReader.Shape, "The set I of steps after which workers average; always contains T."),
        ScenarioField.Optional("output", OutputReader.Shape.WithDefault("last-average"), "The returned iterate (default last-average)."),
        ScenarioField.Optional("checkpoints", CheckpointReader.Shape, "Steps at which the error is recorded (default [T]); T is always included."),
        ScenarioField.Optional("replicates", SchemaShape.Integer(1, MaximumReplicates).WithDefault(ScenarioDefaults.Replicates), "R, Monte Carlo replicates, 1..100000000 (default 200)."),
        ScenarioField.Optional("seed", SchemaShape.Seed.WithDefault(ScenarioDefaults.Seed), "Master seed, 0..2^64-1 (default 1)."),
        ScenarioField.Optional("confidence_level", SchemaShape.Number(NumberRule.StrictlyBetween(0, 1)).WithDefault(ScenarioDefaults.ConfidenceLevel),
            "Level of the reported intervals, in (0, 1) (default 0.95)."),
        ScenarioField.Optional("divergence_bound", SchemaShape.Number(NumberRule.Positive).WithDefault(ScenarioDefaults.DivergenceBound),
            "|x| beyond this bound counts as divergence (default 1e100)."),
    ];

    /// <summary>The top-level field names, in documentation order.</summary>
    public static IReadOnlyList<string> TopLevelFields { get; } = ScenarioField.NamesOf(Fields);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>
    /// The memory a run of the scenario may use, or null for no check. It is checked before the set I is built, so
    /// a scenario too large for the machine is refused before it allocates.
    /// </summary>
    public RunBudget? Budget { get; init; }

    /// <summary>The problem families this reader knows.</summary>
    public ProblemReaderRegistry Problems { get; } = problems ?? ProblemReaderRegistry.Default;

    /// <summary>Reads the file at <paramref name="path"/>; a missing or unreadable file is a <see cref="ScenarioException"/>.</summary>
    public Scenario ReadFile(string path) => Read(ReadText(path), path);

    /// <summary>
    /// The text of the scenario file at <paramref name="path"/>, for every reader of scenario files (this one and the
    /// validation scenarios'); a missing or unreadable file is a <see cref="ScenarioException"/> naming it.
    /// </summary>
    public static string ReadText(string path)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            return Text.StrictText.DecodeUtf8(bytes, out long invalidAt)
                ?? throw new ScenarioException(path, $"scenario file '{path}' {Text.StrictText.NotUtf8(invalidAt)}.");
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ScenarioException(path, $"scenario file '{path}' does not exist.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(path, $"scenario file '{path}' cannot be read: {error.Message}", error);
        }
    }

    /// <summary>Reads scenario JSON text; <paramref name="source"/> names it in messages about malformed JSON.</summary>
    public Scenario Read(string json, string? source = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException error)
        {
            // JsonException counts lines and bytes from 0; editors count from 1.
            long line = (error.LineNumber ?? 0) + 1, position = (error.BytePositionInLine ?? 0) + 1;
            string reason = PositionSuffix().Replace(error.Message, "").Trim();
            string where = source is null ? "scenario" : $"scenario file '{source}'";
            throw new ScenarioException(source ?? "(json)",
                $"{where} is not valid JSON at line {line.ToString(CultureInfo.InvariantCulture)}, position {position.ToString(CultureInfo.InvariantCulture)}: {reason}", error);
        }
        using (document)
        {
            if (Text.StrictText.FirstLoneSurrogate(document.RootElement) is string path) throw new ScenarioException(path, Text.StrictText.LoneSurrogate(path));
            return Read(document.RootElement, source);
        }
    }

    /// <summary>Reads a parsed scenario.</summary>
    public Scenario Read(JsonElement root, string? source = null)
    {
        ScenarioObject top = ScenarioObject.Of(root, "", "a JSON object with the fields " + string.Join(", ", TopLevelFields));
        top.AllowOnly(TopLevelFields);
        try
        {
            return Build(top, source);
        }
        catch (ProblemParameterException error)
        {
            // The model's constructors name fields with the same paths; they are the backstop behind the reader's checks.
            throw new ScenarioException(error.Field, error.Message, error);
        }
        catch (ScheduleException error)
        {
            throw new ScenarioException("communication", error.Message, error);
        }
    }

    private Scenario Build(ScenarioObject top, string? source)
    {
        _ = top.Text("$schema", "");
        string name = top.Text("name");
        string description = top.Text("description", "");
        int workers = top.Integer("workers", new IntegerRule(1, MaximumWorkers));
        int steps = top.Integer("steps", new IntegerRule(1, MaximumSteps));
        var context = new ScenarioContext(workers, steps);

        IProblem problem = ReadProblem(top.Object("problem", "an object with a field 'family'"), context);
        double[] initialPoint = ReadInitialPoint(top, problem.Dimension);
        ICommunicationSchedule communication = CommunicationReader.Read(
            top.Object("communication", "an object with a field 'kind', one of " + string.Join(", ", CommunicationReader.KindNames)), context);
        IStepSizeSchedule stepSize = StepSizeReader.Read(
            top.Object("step_size", "an object with a field 'kind', one of " + string.Join(", ", StepSizeReader.KindNames)), context, problem, communication);
        OutputIterate output = OutputReader.Read(top.Find("output"), stepSize);
        int[] checkpoints = CheckpointReader.Read(top.Find("checkpoints"), steps);

        int replicates = top.Integer("replicates", new IntegerRule(1, MaximumReplicates), ScenarioDefaults.Replicates);
        ulong seed = top.Find("seed") is JsonElement seedValue ? ScenarioValues.UnsignedInteger(seedValue, "seed") : ScenarioDefaults.Seed;
        double confidenceLevel = top.Number("confidence_level", NumberRule.StrictlyBetween(0, 1), ScenarioDefaults.ConfidenceLevel);
        double divergenceBound = top.Number("divergence_bound", NumberRule.Positive, ScenarioDefaults.DivergenceBound);

        var configuration = new LocalSgdConfiguration(problem, workers, steps, initialPoint, stepSize, communication, output, checkpoints, divergenceBound);
        Budget?.Check(configuration, replicates);
        // Compute I now, so that a schedule that never reaches T is a scenario error rather than a failure mid-run.
        _ = configuration.StaticSyncSteps;
        return new Scenario
        {
            Name = name, Description = description, Configuration = configuration, Replicates = replicates, Seed = seed,
            ConfidenceLevel = confidenceLevel, Source = source,
        };
    }

    private IProblem ReadProblem(ScenarioObject problem, ScenarioContext context)
    {
        string family = problem.Choice("family", Problems.Families);
        IProblemReader reader = Problems.Find(family)!;
        problem.AllowOnly(["family", .. reader.Fields]);
        return reader.Read(problem, context);
    }

    // x0 is one number used for every coordinate, or a list of d numbers.
    private static double[] ReadInitialPoint(ScenarioObject top, int dimension)
    {
        string allowed = dimension == 1
            ? "a finite number or a list of 1 number (the problem's dimension d = 1)"
            : $"a finite number (used for every coordinate) or a list of {dimension.ToString(CultureInfo.InvariantCulture)} finite numbers (the problem's dimension d = {dimension.ToString(CultureInfo.InvariantCulture)})";
        JsonElement value = top.Require("x0", allowed);
        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            double broadcast = ScenarioValues.Number(value, "x0", NumberRule.Finite);
            return Enumerable.Repeat(broadcast, dimension).ToArray();
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != dimension)
            throw ScenarioException.NotAllowed("x0", value, allowed);
        return ScenarioValues.NumberList(value, "x0", NumberRule.Finite, dimension);
    }

    [GeneratedRegex(@"\s*(Path: \S*)?\s*\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();
}
