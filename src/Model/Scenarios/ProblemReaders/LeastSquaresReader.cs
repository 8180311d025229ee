using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>least-squares</c>: F = (1/2n) Σ_i (a_iᵀx − b_i)² on an n × d design drawn from <c>data_seed</c>, g averaging
/// <c>batch_size</c> rows drawn with replacement (claims.md §2; the PL setting of Haddadpour et al.). Fields:
/// <c>rows</c> (n), <c>columns</c> (d), <c>noise_level</c> (ν, label noise, required), <c>data_seed</c> (required),
/// <c>batch_size</c> (B, default 1), <c>rank</c> (r in 1..d, default d; r &lt; d gives a PL but not strongly convex F)
/// <c>column_scales</c> (s_j in [10⁻⁶⁰, 10⁶⁰], one per column, default 1) and <c>partitions</c> (P, default 1: with
/// P &gt; 1 worker i samples only from the i-th of P equal blocks of rows; P divides rows and equals the workers).
/// </summary>
public sealed class LeastSquaresReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "least-squares";

    /// <inheritdoc/>
    public string Summary => "F = (1/2n) sum_i (a_i^T x - b_i)^2 on a synthetic design of chosen rank; gradients average sampled rows (noise depends on x)";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ProblemFields.RowsField,
        ProblemFields.ColumnsField,
        ScenarioField.Optional("rank", SchemaShape.Integer(1), "r in 1..columns (default columns)."),
        ScenarioField.Optional("batch_size", SchemaShape.Integer(1).WithDefault(1), "B, rows per stochastic gradient (default 1)."),
        ScenarioField.Needed("noise_level", SchemaShape.Number(NumberRule.NonNegative), "nu >= 0, standard deviation of the label noise in b."),
        ProblemFields.DataSeedField("Seed of the design, weights and labels, 0..2^64-1."),
        ScenarioField.Optional("column_scales", SchemaShape.List(SchemaShape.Number(NumberRule.Positive)), "s_j > 0, one per column (default 1)."),
        ScenarioField.Optional("partitions", SchemaShape.Integer(1).WithDefault(1), "P >= 1 dividing rows (default 1); with P > 1 worker i samples only from the i-th of P equal blocks of rows, and workers must equal P."),
    ];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
    {
        int columns = problem.Integer("columns", ProblemFields.DenseDimension);
        int rows = ProblemFields.Rows(problem, columns);
        string columnCount = columns.ToString(CultureInfo.InvariantCulture);
        int rank = problem.Integer("rank", new IntegerRule(1, columns, $"the rank may not exceed columns = {columnCount}"), columns);
        int batchSize = problem.Integer("batch_size", IntegerRule.AtLeast(1), 1);
        double noiseLevel = problem.Number("noise_level", NumberRule.NonNegative);
        ulong dataSeed = ProblemFields.DataSeed(problem);
        double[]? columnScales = ProblemFields.OptionalNumberList(problem, "column_scales",
            new NumberRule(LeastSquares.ColumnScaleRange, scale => scale >= LeastSquares.MinimumColumnScale && scale <= LeastSquares.MaximumColumnScale), columns, $"one scale per column, columns = {columnCount}");
        int partitions = problem.Integer("partitions", IntegerRule.AtLeast(1), 1);
        if (rows % partitions != 0)
            throw ScenarioException.NotAllowed(problem.PathOf("partitions"), partitions.ToString(CultureInfo.InvariantCulture), $"a divisor of rows = {rows.ToString(CultureInfo.InvariantCulture)}");
        if (partitions > 1 && partitions != context.Workers)
            throw ScenarioException.NotAllowed(problem.PathOf("partitions"), partitions.ToString(CultureInfo.InvariantCulture), $"the number of workers, {context.Workers.ToString(CultureInfo.InvariantCulture)} (one block of rows per worker)");
        return new LeastSquares(rows, columns, batchSize, noiseLevel, dataSeed, rank, columnScales, partitions);
    }

    /// <summary>Writes every field, the defaults resolved; <c>data_seed</c> as a number (the problem keeps it as text).</summary>
    public void Write(IProblem problem, Utf8JsonWriter writer)
    {
        LeastSquares leastSquares = ProblemFields.As<LeastSquares>(problem, Family);
        writer.WriteNumber("rows", leastSquares.Rows);
        writer.WriteNumber("columns", leastSquares.Columns);
        writer.WriteNumber("rank", leastSquares.Rank);
        writer.WriteNumber("batch_size", leastSquares.BatchSize);
        ProblemFields.WriteNumber(writer, "noise_level", leastSquares.NoiseLevel);
        ProblemFields.WriteDataSeed(writer, leastSquares.DataSeed);
        ProblemFields.WriteNumbers(writer, "column_scales", (IEnumerable<double>)leastSquares.Parameters["column_scales"]);
        if (leastSquares.Partitions > 1) writer.WriteNumber("partitions", leastSquares.Partitions);
    }
}
