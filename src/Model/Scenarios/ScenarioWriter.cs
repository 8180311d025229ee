using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Writes a scenario back as scenario JSON with every default resolved (Stich's μ, κ and period, checkpoints,
/// seed, ...). Reading the text gives an equal configuration; the command line embeds it in its output so a
/// result carries exactly what was run.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>Indented, with non-ASCII text (η, σ in descriptions) left readable.</summary>
    public static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The scenario as JSON text.</summary>
    public static string ToJson(Scenario scenario, ProblemReaderRegistry? problems = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, scenario, problems);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the scenario as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Scenario scenario, ProblemReaderRegistry? problems = null)
    {
        writer.WriteStartObject();
        writer.WriteString("name", scenario.Name);
        writer.WriteString("description", scenario.Description);
        WriteConfigurationFields(writer, scenario.Configuration, problems);
        writer.WriteNumber("replicates", scenario.Replicates);
        writer.WriteNumber("seed", scenario.Seed);
        writer.WriteNumber("confidence_level", scenario.ConfidenceLevel);
        writer.WriteEndObject();
    }

    /// <summary>Writes the fields of a configuration (problem, workers, steps, x0, step_size, communication, output, checkpoints, divergence_bound) into the current object.</summary>
    public static void WriteConfigurationFields(Utf8JsonWriter writer, LocalSgdConfiguration configuration, ProblemReaderRegistry? problems = null)
    {
        problems ??= ProblemReaderRegistry.Default;
        writer.WriteStartObject("problem");
        writer.WriteString("family", configuration.Problem.Family);
        IProblemReader? reader = problems.Find(configuration.Problem.Family);
        if (reader is not null) reader.Write(configuration.Problem, writer);
        else foreach ((string name, object value) in configuration.Problem.Parameters)
        {
            writer.WritePropertyName(name);
            JsonValueWriter.Write(writer, value);
        }
        writer.WriteEndObject();

        writer.WriteNumber("workers", configuration.Workers);
        writer.WriteNumber("steps", configuration.Steps);
        writer.WriteStartArray("x0");
        foreach (double coordinate in configuration.InitialPoint) writer.WriteNumberValue(coordinate);
        writer.WriteEndArray();
        writer.WritePropertyName("step_size");
        StepSizeReader.Write(writer, configuration.StepSize);
        writer.WritePropertyName("communication");
        CommunicationReader.Write(writer, configuration.Communication);
        OutputReader.Write(writer, configuration.Output);
        writer.WriteStartArray("checkpoints");
        foreach (int checkpoint in configuration.Checkpoints) writer.WriteNumberValue(checkpoint);
        writer.WriteEndArray();
        writer.WriteNumber("divergence_bound", configuration.DivergenceBound);
    }
}
