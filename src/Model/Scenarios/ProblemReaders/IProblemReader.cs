using System.Collections;
using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// Reads one problem family from the <c>problem</c> object of a scenario and writes it back. One small class
/// per family, listed in <see cref="ProblemReaderRegistry.Default"/>; a new family needs only a new reader.
/// </summary>
public interface IProblemReader
{
    /// <summary>The value of <c>problem.family</c>, e.g. <c>separable-quadratic</c> (equal to <see cref="IProblem.Family"/>).</summary>
    string Family { get; }

    /// <summary>One line for listings and documentation.</summary>
    string Summary { get; }

    /// <summary>
    /// The family's field table: the fields it accepts besides <c>family</c>, with the shape of their values
    /// (docs/scenario.schema.json is built from it).
    /// </summary>
    IReadOnlyList<ScenarioField> FieldTable { get; }

    /// <summary>Rules across the fields (which combinations are allowed), for the schema; none by default.</summary>
    IReadOnlyList<FieldRule> FieldRules => [];

    /// <summary>The names of <see cref="FieldTable"/>; any other field is an error.</summary>
    IReadOnlyList<string> Fields => ScenarioField.NamesOf(FieldTable);

    /// <summary>
    /// Builds the problem from <paramref name="problem"/>, whose fields have already been checked against
    /// <see cref="Fields"/>. Every refusal is a <see cref="ScenarioException"/> naming <c>problem.field</c>.
    /// </summary>
    IProblem Read(ScenarioObject problem, ScenarioContext context);

    /// <summary>
    /// Writes the problem's fields (not <c>family</c>) so that <see cref="Read"/> rebuilds an equal problem.
    /// The default writes <see cref="IProblem.Parameters"/>, which works when its keys are the field names.
    /// </summary>
    void Write(IProblem problem, Utf8JsonWriter writer)
    {
        foreach ((string name, object value) in problem.Parameters)
        {
            writer.WritePropertyName(name);
            JsonValueWriter.Write(writer, value);
        }
    }
}

/// <summary>Writes the plain values found in parameter dictionaries (numbers, strings, booleans, nested lists).</summary>
public static class JsonValueWriter
{
    /// <summary>Writes <paramref name="value"/>; non-finite numbers become null (JSON has no NaN).</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case string text: writer.WriteStringValue(text); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case ulong number: writer.WriteNumberValue(number); break;
            case double number: WriteNumber(writer, number); break;
            case float number: WriteNumber(writer, number); break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>A finite number, or null for NaN and ±∞.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        if (double.IsFinite(number)) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}
