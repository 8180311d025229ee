using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// Field shapes shared by the generated-data readers: data seeds, optional vectors of a known length, lists of
/// vectors (matrices, worker optima), fields that exclude each other, and size limits for data held in memory.
/// Every refusal is a <see cref="ScenarioException"/> naming <c>problem.field</c> (with its index).
/// </summary>
public static class ProblemFields
{
    /// <summary>
    /// Largest d for problems that hold a dense d × d matrix (A, AᵀA/n) and decompose it: 2048² doubles are 32 MiB
    /// and one eigendecomposition takes seconds; a larger d would run out of memory before it ran out of patience.
    /// </summary>
    public const int MaximumDenseDimension = 2048;

    /// <summary>Largest rows × columns of a generated design, the limit the least-squares and logistic problems enforce (2²⁸ doubles, 2 GiB).</summary>
    public const long MaximumDataEntries = 1L << 28;

    /// <summary>The field table's <c>rows</c> of a generated design.</summary>
    public static ScenarioField RowsField => ScenarioField.Needed("rows", SchemaShape.Integer(1), "n >= 1, with rows x columns <= 2^28.");

    /// <summary>The field table's <c>columns</c> of a generated design.</summary>
    public static ScenarioField ColumnsField => ScenarioField.Needed("columns", SchemaShape.Integer(DenseDimension), "d in 1..2048.");

    /// <summary>The field table's <c>data_seed</c>, with what it seeds.</summary>
    public static ScenarioField DataSeedField(string description, bool required = true) => new("data_seed", SchemaShape.Seed, description, required);

    /// <summary>A required data seed in 0..2⁶⁴−1, read from the literal so no digit is lost.</summary>
    public static ulong DataSeed(ScenarioObject problem, string field = "data_seed")
        => ScenarioValues.UnsignedInteger(problem.Require(field, "an integer in 0..18446744073709551615 (the seed the problem's data are drawn from)"), problem.PathOf(field));

    /// <summary>An optional list of exactly <paramref name="length"/> numbers, or null when the field is absent.</summary>
    public static double[]? OptionalNumberList(ScenarioObject problem, string field, NumberRule rule, int length, string lengthNote)
        => problem.Find(field) is JsonElement value ? ScenarioValues.NumberList(value, problem.PathOf(field), rule, length, lengthNote) : null;

    /// <summary>
    /// A list of <paramref name="count"/> vectors of <paramref name="length"/> numbers each (<paramref name="count"/>
    /// null: any non-zero count). The outer list is named by <paramref name="description"/>; vector i is checked
    /// as <c>path[i]</c> and its entries as <c>path[i][k]</c>.
    /// </summary>
    public static double[][] VectorList(JsonElement value, string path, int? count, int length, NumberRule rule, string description, string lengthNote)
    {
        if (value.ValueKind != JsonValueKind.Array || (count is int expected ? value.GetArrayLength() != expected : value.GetArrayLength() == 0))
            throw ScenarioException.NotAllowed(path, value, description);
        var vectors = new double[value.GetArrayLength()][];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            vectors[index] = ScenarioValues.NumberList(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", rule, length, lengthNote);
            index++;
        }
        return vectors;
    }

    /// <summary>Refuses <paramref name="field"/> when it is present together with <paramref name="other"/>, which excludes it.</summary>
    public static void Exclude(ScenarioObject problem, string field, string other, string reason)
    {
        if (problem.Find(field) is JsonElement value && problem.Has(other))
            throw ScenarioException.NotAllowed(problem.PathOf(field), value, $"no '{field}' when '{other}' is given ({reason})");
    }

    /// <summary>
    /// A dimension-like count of a dense problem: an integer in 1..<see cref="MaximumDenseDimension"/> with the
    /// reason for the limit in the message.
    /// </summary>
    public static IntegerRule DenseDimension { get; } = new(1, MaximumDenseDimension, "a dense d × d matrix is held in memory");

    /// <summary>
    /// Refuses a list longer than <see cref="MaximumDenseDimension"/> (eigenvalues: A is held as a dense d × d
    /// matrix) before its entries are read.
    /// </summary>
    public static void RequireDenseLength(ScenarioObject problem, string field)
    {
        if (problem.Find(field) is JsonElement value && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > MaximumDenseDimension)
            throw ScenarioException.NotAllowed(problem.PathOf(field), value,
                $"a list of at most {MaximumDenseDimension.ToString(CultureInfo.InvariantCulture)} numbers (a dense d × d matrix is held in memory)");
    }

    /// <summary>
    /// The number of rows of a generated design with <paramref name="columns"/> columns: an integer ≥ 1 with
    /// rows × columns ≤ <see cref="MaximumDataEntries"/>.
    /// </summary>
    public static int Rows(ScenarioObject problem, int columns)
    {
        long largest = Math.Min(int.MaxValue, MaximumDataEntries / columns);
        return problem.Integer("rows", new IntegerRule(1, largest,
            $"rows × columns may not exceed {MaximumDataEntries.ToString(CultureInfo.InvariantCulture)} with columns = {columns.ToString(CultureInfo.InvariantCulture)}; the data are held in memory"));
    }

    /// <summary>Writes a data seed as a JSON number (the problems keep it as text in <c>Parameters</c> so that no report rounds it).</summary>
    public static void WriteDataSeed(Utf8JsonWriter writer, ulong seed) => writer.WriteNumber("data_seed", seed);

    /// <summary>Writes a numeric field.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string field, double value)
    {
        writer.WritePropertyName(field);
        JsonValueWriter.WriteNumber(writer, value);
    }

    /// <summary>Writes a list of numbers.</summary>
    public static void WriteNumbers(Utf8JsonWriter writer, string field, IEnumerable<double> values)
    {
        writer.WriteStartArray(field);
        foreach (double value in values) JsonValueWriter.WriteNumber(writer, value);
        writer.WriteEndArray();
    }

    /// <summary>Writes a list of vectors (a matrix by rows, or one optimum per worker).</summary>
    public static void WriteVectors(Utf8JsonWriter writer, string field, IEnumerable<IEnumerable<double>> vectors)
    {
        writer.WriteStartArray(field);
        foreach (IEnumerable<double> vector in vectors)
        {
            writer.WriteStartArray();
            foreach (double value in vector) JsonValueWriter.WriteNumber(writer, value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    /// <summary>The problem as <typeparamref name="TProblem"/>; a reader asked to write another family's problem is a bug.</summary>
    public static TProblem As<TProblem>(Problems.IProblem problem, string family) where TProblem : Problems.IProblem
        => problem is TProblem typed ? typed
            : throw new ArgumentException($"the {family} reader cannot write a {problem.Family} problem ({problem.GetType().Name})", nameof(problem));
}
