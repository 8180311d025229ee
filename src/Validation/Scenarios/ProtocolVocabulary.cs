using System.Text;
using System.Text.Json;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Scenarios;

/// <summary>
/// Translates the model's names into the protocol's (docs/protocol.md): snake_case kinds (<c>constant-period</c> →
/// <c>constant_period</c>), output names, and the problem families of blackbox mode with their parameters.
/// </summary>
public static class ProtocolVocabulary
{
    /// <summary>The problem families blackbox mode can name.</summary>
    public static IReadOnlyList<string> BlackboxFamilies { get; } = ["separable_quadratic", "kink", "smooth"];

    /// <summary>A model kind in the protocol's spelling: hyphens become underscores.</summary>
    public static string Name(string modelKind) => modelKind.Replace('-', '_');

    /// <summary>The protocol name of an output iterate; throws <see cref="NotSupportedException"/> for Stich's weights, whose shift the run message cannot carry.</summary>
    public static string OutputName(OutputIterate output) => output switch
    {
        _ when output == OutputIterate.LastAverage => OutputIterateNames.LastAverage,
        _ when output == OutputIterate.PolyakRuppert => OutputIterateNames.PolyakRuppert,
        _ => throw new NotSupportedException(
            $"output {output.Kind} cannot be validated: protocol version {ProtocolConstants.Version} names the returned iterate but cannot carry Stich's shift a; use last-average or polyak-ruppert"),
    };

    /// <summary>
    /// The communication set as the protocol declares it: kind and parameters (informative), the explicit steps and, for
    /// averagings within groups, each one's group size (authoritative).
    /// </summary>
    public static CommunicationSchedule Schedule(ICommunicationSchedule schedule, int[] syncSteps, int[]? groupSizes = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new CommunicationSchedule(Name(schedule.Kind), Parameters(schedule.Parameters), syncSteps, groupSizes);
    }

    /// <summary>The oracle-mode run message of <paramref name="run"/>.</summary>
    public static RunMessage OracleRunMessage(string runId, OracleRun run, ICommunicationSchedule schedule) =>
        new(runId, run.Dimension, run.Workers, run.Steps, run.InitialPoint, run.StepSizes, Schedule(schedule, run.SyncSteps, run.GroupSizes), OutputName(run.Output));

    /// <summary>The blackbox-mode run message of a configuration with the implementation's seed.</summary>
    public static BlackboxRunMessage BlackboxRunMessage(string runId, LocalSgdConfiguration configuration, long seed)
    {
        var stepSizes = new double[configuration.Steps];
        for (int t = 0; t < stepSizes.Length; t++) stepSizes[t] = configuration.StepSize.At(t);
        int[] syncSteps = configuration.StaticSyncSteps
            ?? throw new NotSupportedException($"schedule {configuration.Communication.Kind} depends on the run's loss; blackbox mode needs a schedule fixed in advance");
        return new BlackboxRunMessage(runId, Problem(configuration.Problem), configuration.Problem.Dimension, configuration.Workers, configuration.Steps,
            configuration.InitialPoint.ToArray(), stepSizes,
            Schedule(configuration.Communication, syncSteps, GroupAveraging.Sizes(configuration.Communication, configuration.ScheduleContext, syncSteps)),
            seed, OutputName(configuration.Output));
    }

    /// <summary>
    /// The blackbox description of a problem: <c>separable_quadratic</c> {curvatures, multiplicative_noise, additive_noise},
    /// <c>kink</c> {curvature, noise}, <c>smooth</c> {noise}; throws <see cref="NotSupportedException"/> for other families.
    /// </summary>
    public static ProblemDescription Problem(IProblem problem) => problem switch
    {
        SeparableQuadratic separable => new ProblemDescription("separable_quadratic", Json(writer =>
        {
            writer.WriteStartArray("curvatures");
            foreach (double a in separable.Curvatures) writer.WriteNumberValue(a);
            writer.WriteEndArray();
            writer.WriteNumber("multiplicative_noise", separable.MultiplicativeNoise);
            writer.WriteNumber("additive_noise", separable.AdditiveNoise);
        })),
        KinkFunction kink => new ProblemDescription("kink", Json(writer =>
        {
            writer.WriteNumber("curvature", kink.Curvature);
            writer.WriteNumber("noise", kink.Noise);
        })),
        SmoothFunction smooth => new ProblemDescription("smooth", Json(writer => writer.WriteNumber("noise", smooth.Noise))),
        _ => throw new NotSupportedException(
            $"problem family {problem.Family} has no blackbox description; blackbox mode supports {string.Join(", ", BlackboxFamilies)}"),
    };

    private static JsonElement Parameters(IReadOnlyDictionary<string, double> parameters) => Json(writer =>
    {
        foreach (var (name, value) in parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal)) writer.WriteNumber(name, value);
    });

    private static JsonElement Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return ProtocolJson.Object(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
