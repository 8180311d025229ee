using System.Text;
using System.Text.Json;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Reports.Simulation;

/// <summary>
/// The <c>--format json</c> output of <c>simulate</c>: one object whose every field except <c>timing</c> is a pure
/// function of (scenario, replicates, seed), so two runs can be compared byte for byte once <c>timing</c> is
/// removed. Undefined statistics (the standard error with one replicate) are written as null.
/// </summary>
public static class SimulationJsonWriter
{
    /// <summary>The report as indented JSON text ending in a newline.</summary>
    public static string Write(SimulationReport report, ProblemReaderRegistry problems)
        => Render(writer =>
        {
            writer.WriteStartObject();
            WriteHeader(writer, report.Scenario, problems);
            SimulationResult result = report.Result;
            writer.WriteString("kernel", result.KernelName);
            WriteIntegers(writer, "checkpoints", result.Checkpoints);
            WriteSyncSteps(writer, result);
            if (report.Exact is { } exact) WriteExact(writer, exact, result.Checkpoints);
            WriteMonteCarlo(writer, report);
            writer.WriteStartObject("timing");
            writer.WriteNumber("wall_time_seconds", Math.Round(report.Timing.WallTimeSeconds, 6));
            writer.WriteNumber("threads", report.Timing.Threads);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary>The JSON written when a replicate diverges: the scenario and where it left the bound.</summary>
    public static string WriteDivergence(Scenario scenario, DivergenceException divergence, ProblemReaderRegistry problems)
        => Render(writer =>
        {
            writer.WriteStartObject();
            WriteHeader(writer, scenario, problems);
            writer.WriteStartObject("divergence");
            writer.WriteString("message", divergence.Message);
            writer.WriteNumber("step", divergence.Step);
            writer.WriteNumber("replicate", divergence.Replicate);
            writer.WriteNumber("worker", divergence.Worker);
            writer.WritePropertyName("value");
            JsonValueWriter.WriteNumber(writer, divergence.Value);
            writer.WriteNumber("divergence_bound", scenario.Configuration.DivergenceBound);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ScenarioWriter.Options)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteHeader(Utf8JsonWriter writer, Scenario scenario, ProblemReaderRegistry problems)
    {
        writer.WriteStartObject("scenario");
        writer.WriteString("name", scenario.Name);
        writer.WriteString("description", scenario.Description);
        if (scenario.Source is not null) writer.WriteString("source", scenario.Source);
        writer.WriteStartObject("configuration");
        ScenarioWriter.WriteConfigurationFields(writer, scenario.Configuration, problems);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteNumber("seed", scenario.Seed);
        writer.WriteNumber("replicates", scenario.Replicates);
        writer.WriteNumber("confidence_level", scenario.ConfidenceLevel);
    }

    private static void WriteSyncSteps(Utf8JsonWriter writer, SimulationResult result)
    {
        writer.WriteStartObject("sync_steps");
        if (result.SyncSteps is int[] steps)
        {
            writer.WriteBoolean("depends_on_run", false);
            writer.WriteNumber("rounds", steps.Length);
            WriteIntegers(writer, "steps", steps);
        }
        else
        {
            // The loss-driven rule picks different steps in every replicate; only their count is summarised.
            int[] rounds = result.RoundsPerReplicate;
            writer.WriteBoolean("depends_on_run", true);
            writer.WriteString("note", "the sync steps depend on each replicate's loss; rounds are summarised over replicates");
            writer.WriteNumber("mean_rounds", rounds.Average());
            writer.WriteNumber("min_rounds", rounds.Min());
            writer.WriteNumber("max_rounds", rounds.Max());
        }
        writer.WriteEndObject();
    }

    private static void WriteExact(Utf8JsonWriter writer, ExactSection exact, IReadOnlyList<int> checkpoints)
    {
        writer.WriteStartObject("exact");
        writer.WriteBoolean("available", exact.Available);
        if (exact.Errors is { } errors)
        {
            writer.WriteString("method", errors.Method);
            writer.WritePropertyName("mean_error");
            JsonValueWriter.WriteNumber(writer, errors.MeanErrors[^1]);
            writer.WriteStartArray("per_checkpoint");
            for (int c = 0; c < checkpoints.Count; c++)
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", checkpoints[c]);
                writer.WritePropertyName("mean_error");
                JsonValueWriter.WriteNumber(writer, errors.MeanErrors[c]);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("reason", exact.Reason);
        }
        writer.WriteEndObject();
    }

    private static void WriteMonteCarlo(Utf8JsonWriter writer, SimulationReport report)
    {
        SimulationResult result = report.Result;
        writer.WriteStartObject("monte_carlo");
        writer.WriteString("interval", "Student-t interval for the mean; assumes an approximately normal sample mean");
        WriteSummary(writer, result.FinalError, "mean_error", "median_error", includeLevel: true);
        WritePerCheckpoint(writer, result.Checkpoints, result.ErrorStatistics, "mean_error", "median_error");
        writer.WriteStartObject("observables");
        foreach (Observable observable in report.Scenario.Configuration.Problem.Observables)
        {
            IReadOnlyList<SampleStatistics> statistics = result.ObservableStatistics[observable.Name];
            writer.WriteStartObject(observable.Name);
            writer.WriteString("description", observable.Description);
            WriteSummary(writer, statistics[^1], "mean", "median", includeLevel: true);
            WritePerCheckpoint(writer, result.Checkpoints, statistics, "mean", "median");
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePerCheckpoint(Utf8JsonWriter writer, IReadOnlyList<int> checkpoints, IReadOnlyList<SampleStatistics> statistics, string meanName, string medianName)
    {
        writer.WriteStartArray("per_checkpoint");
        for (int c = 0; c < checkpoints.Count; c++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", checkpoints[c]);
            WriteSummary(writer, statistics[c], meanName, medianName, includeLevel: false);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteSummary(Utf8JsonWriter writer, SampleStatistics statistics, string meanName, string medianName, bool includeLevel)
    {
        WriteNumber(writer, meanName, statistics.Mean);
        WriteNumber(writer, "std_error", statistics.StandardError);
        WriteNumber(writer, "ci_low", statistics.ConfidenceLow);
        WriteNumber(writer, "ci_high", statistics.ConfidenceHigh);
        if (includeLevel) WriteNumber(writer, "ci_level", statistics.ConfidenceLevel);
        WriteNumber(writer, medianName, statistics.Median);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        JsonValueWriter.WriteNumber(writer, value);
    }

    private static void WriteIntegers(Utf8JsonWriter writer, string name, IEnumerable<int> values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }
}
