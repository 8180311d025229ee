using System.Globalization;
using System.Text.Json;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Checks a run description before the harness sends it, so that a mistake in the caller is reported as one clear
/// <see cref="ArgumentException"/> (field, value, what is allowed) rather than blamed on the implementation.
/// </summary>
public static class RunDescriptionRules
{
    /// <summary>Validates an oracle run.</summary>
    public static void Validate(RunMessage run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ValidateCommon(run.RunId, run.Dimension, run.Workers, run.Steps, run.X0, run.StepSizes, run.Schedule, run.Output);
    }

    /// <summary>Validates a blackbox run.</summary>
    public static void Validate(BlackboxRunMessage run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ValidateCommon(run.RunId, run.Dimension, run.Workers, run.Steps, run.X0, run.StepSizes, run.Schedule, run.Output);
        Require(run.Problem is not null, "problem", "null", "a problem description");
        Require(!string.IsNullOrWhiteSpace(run.Problem!.Family), "problem.family", Quote(run.Problem.Family), "a non-empty family name");
        Require(run.Problem.Parameters.ValueKind == JsonValueKind.Object, "problem.parameters", run.Problem.Parameters.ValueKind.ToString(), "a JSON object");
        Require(run.Seed >= 0, "seed", Integer(run.Seed), "a non-negative integer");
    }

    private static void ValidateCommon(string runId, int dimension, int workers, int steps, double[] x0, double[] stepSizes,
        CommunicationSchedule schedule, string output)
    {
        Require(!string.IsNullOrWhiteSpace(runId), "run_id", Quote(runId), "a non-empty identifier");
        Require(dimension >= 1, "dimension", Integer(dimension), "at least 1");
        Require(workers >= 1, "workers", Integer(workers), "at least 1");
        Require(steps >= 1, "steps", Integer(steps), "at least 1");
        Require((long)workers * steps <= int.MaxValue, "workers × steps", Integer((long)workers * steps), "at most 2³¹−1 gradients per run");
        RequireVector("x0", x0, dimension, "dimension");
        RequireVector("step_sizes", stepSizes, steps, "steps");
        Require(schedule is not null, "schedule", "null", "a communication schedule");
        Require(!string.IsNullOrWhiteSpace(schedule!.Kind), "schedule.kind", Quote(schedule.Kind), "a non-empty schedule name");
        Require(schedule.Parameters.ValueKind == JsonValueKind.Object, "schedule.parameters", schedule.Parameters.ValueKind.ToString(), "a JSON object");
        var sync = schedule.SyncSteps;
        Require(sync is { Length: > 0 }, "schedule.sync_steps", "empty", $"a non-empty list ending with T = {Integer(steps)}");
        for (var index = 0; index < sync.Length; index++)
        {
            Require(sync[index] >= 1 && sync[index] <= steps, $"schedule.sync_steps[{Integer(index)}]", Integer(sync[index]), $"a step in 1..{Integer(steps)}");
            if (index > 0)
                Require(sync[index] > sync[index - 1], $"schedule.sync_steps[{Integer(index)}]", Integer(sync[index]), $"greater than the previous entry {Integer(sync[index - 1])} (strictly increasing)");
        }
        Require(sync[^1] == steps, "schedule.sync_steps", $"ending with {Integer(sync[^1])}", $"ending with T = {Integer(steps)} (the workers always average after the last step)");
        if (schedule.GroupSizes is { } sizes)
        {
            Require(sizes.Length == sync.Length, "schedule.group_sizes", $"{Integer(sizes.Length)} entries", $"one entry per sync step ({Integer(sync.Length)})");
            for (var index = 0; index < sizes.Length; index++)
                Require(sizes[index] >= 1 && workers % sizes[index] == 0, $"schedule.group_sizes[{Integer(index)}]", Integer(sizes[index]), $"a divisor of workers = {Integer(workers)}");
            Require(sizes[^1] == workers, "schedule.group_sizes", $"ending with {Integer(sizes[^1])}", $"ending with N = {Integer(workers)} (all workers average after the last step)");
        }
        Require(!string.IsNullOrWhiteSpace(output), "output", Quote(output), "an output name such as last_average");
    }

    private static void RequireVector(string field, double[] values, int length, string lengthField)
    {
        Require(values is not null, field, "null", "an array");
        Require(values!.Length == length, field, $"{Integer(values.Length)} entries", $"exactly {lengthField} = {Integer(length)} entries");
        for (var index = 0; index < values.Length; index++)
            Require(double.IsFinite(values[index]), $"{field}[{Integer(index)}]", values[index].ToString(CultureInfo.InvariantCulture), "a finite number");
    }

    private static void Require(bool condition, string field, string value, string allowed)
    {
        if (!condition) throw new ArgumentException($"Run description field {field} is {value}; allowed: {allowed}.", field);
    }

    private static string Quote(string? value) => value is null ? "null" : "\"" + value + "\"";
}
