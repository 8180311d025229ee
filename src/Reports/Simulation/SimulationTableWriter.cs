using System.Globalization;
using System.Text;
using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Simulation;
using static LocalSgdVerify.Model.Text.NumberText;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Reports.Simulation;

/// <summary>
/// The <c>--format table</c> output of <c>simulate</c>: plain, aligned text (no colours, no terminal codes) so it
/// reads the same in a terminal, a pipe and a test. Only the last line (wall time) varies between identical runs.
/// </summary>
public static class SimulationTableWriter
{
    private const int LabelWidth = 15;
    private const int MaximumListedSyncSteps = 8;

    /// <summary>The report as text ending in a newline.</summary>
    public static string Write(SimulationReport report, ProblemReaderRegistry problems)
    {
        var text = new StringBuilder();
        Scenario scenario = report.Scenario;
        var configuration = scenario.Configuration;
        SimulationResult result = report.Result;

        Line(text, "scenario", scenario.Name);
        if (scenario.Description.Length > 0) Line(text, "description", scenario.Description);
        Line(text, "problem", $"{Describe(writer => WriteProblem(writer, configuration.Problem, problems))}  (d = {Integer(configuration.Problem.Dimension)})");
        Line(text, "workers", Integer(configuration.Workers));
        Line(text, "steps", Integer(configuration.Steps));
        Line(text, "x0", "[" + string.Join(", ", configuration.InitialPoint.Select(RoundTrip)) + "]");
        Line(text, "step size", Describe(writer => StepSizeReader.Write(writer, configuration.StepSize)));
        Line(text, "communication", Describe(writer => CommunicationReader.Write(writer, configuration.Communication)));
        Line(text, "sync steps", SyncSummary(result));
        Line(text, "output", configuration.Output is Model.Algorithm.OutputIterate.StichWeightedIterate stich
            ? $"{stich.Kind} shift={Number(stich.Shift)}" : configuration.Output.Kind);
        Line(text, "replicates", $"{Integer(scenario.Replicates)}  (seed {scenario.Seed.ToString(CultureInfo.InvariantCulture)}, kernel {result.KernelName})");
        if (report.Exact is { Available: false } missing) Line(text, "exact", "not available: " + missing.Reason);
        if (report.Exact?.Errors is { } exact) Line(text, "exact method", exact.Method);
        text.AppendLine();

        string level = (result.FinalError.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);
        text.AppendLine($"error E[F(output)] - F*, mean over replicates with {level}% Student-t interval");
        Table(text, result.Checkpoints, result.ErrorStatistics, report.Exact?.Errors?.MeanErrors);
        foreach (Observable observable in configuration.Problem.Observables)
        {
            text.AppendLine();
            text.AppendLine($"observable {observable.Name}: {observable.Description}");
            Table(text, result.Checkpoints, result.ObservableStatistics[observable.Name], null);
        }
        text.AppendLine();
        text.AppendLine($"wall time {report.Timing.WallTimeSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s on {ReportText.Count(report.Timing.Threads, "thread")}");
        return text.ToString();
    }

    private static void Table(StringBuilder text, IReadOnlyList<int> checkpoints, IReadOnlyList<SampleStatistics> statistics, IReadOnlyList<double>? exact)
    {
        string[] header = exact is null
            ? ["step", "mean", "std error", "ci low", "ci high", "median"]
            : ["step", "mean", "std error", "ci low", "ci high", "median", "exact"];
        var rows = new List<string[]> { header };
        for (int c = 0; c < checkpoints.Count; c++)
        {
            SampleStatistics s = statistics[c];
            var row = new List<string> { Integer(checkpoints[c]), Number(s.Mean), Number(s.StandardError), Number(s.ConfidenceLow), Number(s.ConfidenceHigh), Number(s.Median) };
            if (exact is not null) row.Add(Number(exact[c]));
            rows.Add(row.ToArray());
        }
        int[] widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (string[] row in rows)
            text.AppendLine("  " + string.Join("  ", row.Select((cell, column) => cell.PadLeft(widths[column]))).TrimEnd());
    }

    private static string SyncSummary(SimulationResult result)
    {
        if (result.SyncSteps is not int[] steps)
        {
            int[] rounds = result.RoundsPerReplicate;
            return $"depend on the run: mean {rounds.Average().ToString("0.###", CultureInfo.InvariantCulture)} rounds (min {Integer(rounds.Min())}, max {Integer(rounds.Max())})";
        }
        string listed = steps.Length <= MaximumListedSyncSteps
            ? string.Join(", ", steps.Select(step => Integer(step)))
            : string.Join(", ", steps.Take(MaximumListedSyncSteps - 1).Select(step => Integer(step))) + ", ..., " + Integer(steps[^1]);
        return $"{ReportText.Count(steps.Length, "round")}: {listed}";
    }

    private static void WriteProblem(Utf8JsonWriter writer, IProblem problem, ProblemReaderRegistry problems)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", problem.Family);
        if (problems.Find(problem.Family) is { } reader) reader.Write(problem, writer);
        writer.WriteEndObject();
    }

    // Renders a JSON object written by the scenario writer as "kind name=value name=value".
    private static string Describe(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ScenarioWriter.Options.Encoder })) write(writer);
        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        var parts = new List<string>();
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
            parts.Add(property.Name == "kind" ? property.Value.GetString()! : $"{property.Name}={property.Value.GetRawText()}");
        return string.Join(" ", parts);
    }

    private static void Line(StringBuilder text, string label, string value) => text.AppendLine(label.PadRight(LabelWidth) + value);

    /// <summary>Six significant digits in scientific notation; "-" for undefined values.</summary>
    private static string Number(double value)
        => double.IsFinite(value) ? value.ToString("0.00000e+00", CultureInfo.InvariantCulture) : "-";
}
