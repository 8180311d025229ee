using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>logistic-regression</c>: F = (1/n) Σ_i ln(1 + exp(−y_i a_iᵀx)) + (λ/2)‖x‖² on n synthetic examples in d
/// dimensions drawn from <c>data_seed</c>, g averaging <c>batch_size</c> examples drawn with replacement plus λx
/// (claims.md §2: smooth, strongly convex, not quadratic). Fields: <c>rows</c> (n), <c>columns</c> (d),
/// <c>regularization</c> (λ &gt; 0, also μ), <c>data_seed</c> (required) and <c>batch_size</c> (B, default 1).
/// </summary>
public sealed class LogisticRegressionReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "logistic-regression";

    /// <inheritdoc/>
    public string Summary => "L2-regularised logistic regression on synthetic data; gradients average sampled examples (smooth, strongly convex, not quadratic)";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ProblemFields.RowsField,
        ProblemFields.ColumnsField,
        ScenarioField.Needed("regularization", SchemaShape.Number(NumberRule.Positive), "lambda > 0 (also mu)."),
        ScenarioField.Optional("batch_size", SchemaShape.Integer(1).WithDefault(1), "B, examples per stochastic gradient (default 1)."),
        ProblemFields.DataSeedField("Seed of the features, weights and labels, 0..2^64-1."),
    ];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
    {
        int columns = problem.Integer("columns", ProblemFields.DenseDimension);
        int rows = ProblemFields.Rows(problem, columns);
        double regularization = problem.Number("regularization", NumberRule.Positive);
        int batchSize = problem.Integer("batch_size", IntegerRule.AtLeast(1), 1);
        ulong dataSeed = ProblemFields.DataSeed(problem);
        return new LogisticRegression(rows, columns, regularization, batchSize, dataSeed);
    }

    /// <summary>Writes every field, the default batch size resolved; <c>data_seed</c> as a number (the problem keeps it as text).</summary>
    public void Write(IProblem problem, Utf8JsonWriter writer)
    {
        LogisticRegression logistic = ProblemFields.As<LogisticRegression>(problem, Family);
        writer.WriteNumber("rows", logistic.Rows);
        writer.WriteNumber("columns", logistic.Columns);
        ProblemFields.WriteNumber(writer, "regularization", logistic.Regularization);
        writer.WriteNumber("batch_size", logistic.BatchSize);
        ProblemFields.WriteDataSeed(writer, logistic.DataSeed);
    }
}
