using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using MathNet.Numerics.LinearAlgebra;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>dense-quadratic</c>: F = ½(x − x*)ᵀA(x − x*), g = A(x − x*) + σξ, A = Q diag(λ) Qᵀ (claims.md §2).
/// The spectrum λ is either <c>eigenvalues</c> (a list; its length is d) or <c>spectrum</c>
/// {<c>kind</c>: linear | geometric, <c>dimension</c>, <c>mu</c>, <c>l</c>} (d values from μ to L,
/// <see cref="DenseQuadratic.LinearSpectrum"/> or <see cref="DenseQuadratic.GeometricSpectrum"/>). The basis Q is
/// either drawn from <c>data_seed</c> or given as <c>eigenvectors</c> (d rows of d numbers, column k belonging to
/// λ_k, orthogonal to 1e-10). <c>noise</c> is σ (required); <c>optimum</c> is x* (default 0).
/// </summary>
public sealed class DenseQuadraticReader : IProblemReader
{
    /// <summary>The kinds of <c>spectrum</c>.</summary>
    public static IReadOnlyList<string> SpectrumKinds { get; } = ["linear", "geometric"];

    /// <summary>The field table of the <c>spectrum</c> object.</summary>
    public static IReadOnlyList<ScenarioField> SpectrumFieldTable { get; } =
    [
        ScenarioField.Needed("kind", SchemaShape.Choice(SpectrumKinds)),
        ScenarioField.Needed("dimension", SchemaShape.Integer(ProblemFields.DenseDimension), "d in 1..2048 (d = 1 needs mu = l)."),
        ScenarioField.Needed("mu", SchemaShape.Number(NumberRule.Positive), "Smallest eigenvalue, > 0."),
        ScenarioField.Needed("l", SchemaShape.Number(NumberRule.Positive), "Largest eigenvalue L >= mu."),
    ];

    /// <summary>The fields of the <c>spectrum</c> object.</summary>
    public static IReadOnlyList<string> SpectrumFields { get; } = ScenarioField.NamesOf(SpectrumFieldTable);

    /// <inheritdoc/>
    public string Family => "dense-quadratic";

    /// <inheritdoc/>
    public string Summary => "F = (1/2)(x - x*)^T A (x - x*), A = Q diag(lambda) Q^T with Q random (data_seed) or given, additive Gaussian noise";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Optional("eigenvalues", SchemaShape.List(SchemaShape.Number(NumberRule.Positive), ProblemFields.MaximumDenseDimension),
            "Spectrum lambda of A, each > 0; the length is d (at most 2048)."),
        ScenarioField.Optional("spectrum", SchemaShape.Object(SpectrumFieldTable),
            "Generated spectrum: d eigenvalues from mu to l, spaced linearly or geometrically (lambda_k = mu (l/mu)^(k/(d-1)))."),
        ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative), "sigma >= 0."),
        ProblemFields.DataSeedField("Seed of the random orthonormal eigenbasis Q, 0..2^64-1.", required: false),
        ScenarioField.Optional("eigenvectors", SchemaShape.List(SchemaShape.List(SchemaShape.Number(NumberRule.Finite))),
            "Q by rows (d rows of d numbers), column k the eigenvector of eigenvalue k; orthogonal to 1e-10."),
        ScenarioField.Optional("optimum", SchemaShape.List(SchemaShape.Number(NumberRule.Finite)), "x*, d numbers (default 0)."),
    ];

    /// <summary>The spectrum is listed or generated, the basis drawn or given: exactly one of each.</summary>
    public IReadOnlyList<FieldRule> FieldRules { get; } = [FieldRule.ExactlyOneOf("eigenvalues", "spectrum"), FieldRule.ExactlyOneOf("data_seed", "eigenvectors")];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
    {
        double[] eigenvalues = ReadEigenvalues(problem);
        int dimension = eigenvalues.Length;
        double noise = problem.Number("noise", NumberRule.NonNegative);
        ProblemFields.Exclude(problem, "data_seed", "eigenvectors", "the basis is either drawn from data_seed or given as eigenvectors");
        string note = $"the number of eigenvalues, d = {dimension.ToString(CultureInfo.InvariantCulture)}";
        double[]? optimum = ProblemFields.OptionalNumberList(problem, "optimum", NumberRule.Finite, dimension, note);
        if (problem.Find("eigenvectors") is JsonElement rows)
        {
            string description = $"a list of {dimension.ToString(CultureInfo.InvariantCulture)} rows of {dimension.ToString(CultureInfo.InvariantCulture)} numbers " +
                "(an orthogonal matrix Q whose column k is the eigenvector of eigenvalue k)";
            double[][] matrix = ProblemFields.VectorList(rows, problem.PathOf("eigenvectors"), dimension, dimension, NumberRule.Finite, description, note);
            return DenseQuadratic.WithEigenvectors(eigenvalues, Matrix<double>.Build.DenseOfRowArrays(matrix), noise, optimum);
        }
        if (!problem.Has("data_seed"))
            throw ScenarioException.Missing(problem.PathOf("data_seed"),
                "an integer in 0..18446744073709551615 (the seed of the random eigenbasis), or give problem.eigenvectors");
        return new DenseQuadratic(eigenvalues, noise, ProblemFields.DataSeed(problem), optimum);
    }

    // Exactly one of the list and the spectrum object.
    private static double[] ReadEigenvalues(ScenarioObject problem)
    {
        if (problem.Has("eigenvalues"))
        {
            ProblemFields.Exclude(problem, "spectrum", "eigenvalues", "the spectrum is either listed or generated");
            ProblemFields.RequireDenseLength(problem, "eigenvalues");
            return problem.NumberList("eigenvalues", NumberRule.Positive);
        }
        if (!problem.Has("spectrum"))
            throw ScenarioException.Missing(problem.PathOf("eigenvalues"),
                "a non-empty list of numbers > 0 (the spectrum of A), or give problem.spectrum = {\"kind\": \"linear\" | \"geometric\", \"dimension\": d, \"mu\": smallest, \"l\": largest}");
        ScenarioObject spectrum = problem.Object("spectrum", "an object with the fields " + string.Join(", ", SpectrumFields));
        spectrum.AllowOnly(SpectrumFields);
        string kind = spectrum.Choice("kind", SpectrumKinds);
        int dimension = spectrum.Integer("dimension", ProblemFields.DenseDimension);
        double smallest = spectrum.Number("mu", NumberRule.Positive);
        double largest = spectrum.Number("l", new NumberRule($"a finite number >= mu = {NumberText.RoundTrip(smallest)}", value => double.IsFinite(value) && value >= smallest));
        if (dimension == 1 && largest != smallest)
            throw ScenarioException.NotAllowed(spectrum.PathOf("dimension"), "1", "an integer >= 2 when mu < l (one eigenvalue cannot be both)");
        return kind == "linear"
            ? DenseQuadratic.LinearSpectrum(dimension, smallest, largest)
            : DenseQuadratic.GeometricSpectrum(dimension, smallest, largest);
    }

    /// <summary>Writes the resolved spectrum as <c>eigenvalues</c> (a <c>spectrum</c> object reads back to the same list), then the basis as <c>data_seed</c> or <c>eigenvectors</c>.</summary>
    public void Write(IProblem problem, Utf8JsonWriter writer)
    {
        DenseQuadratic dense = ProblemFields.As<DenseQuadratic>(problem, Family);
        ProblemFields.WriteNumbers(writer, "eigenvalues", dense.Eigenvalues);
        ProblemFields.WriteNumber(writer, "noise", dense.Noise);
        if (dense.DataSeed is ulong seed) ProblemFields.WriteDataSeed(writer, seed);
        else ProblemFields.WriteVectors(writer, "eigenvectors", dense.EigenvectorMatrix().ToRowArrays());
        ProblemFields.WriteNumbers(writer, "optimum", dense.Optimum!);
    }
}
