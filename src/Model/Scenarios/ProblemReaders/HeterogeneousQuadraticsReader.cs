using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>heterogeneous-quadratics</c>: worker i minimises F_i(x) = Σ_k (a_k/2)(x_k − x*_{i,k})² with g = ∇F_i(x) + σξ;
/// F is the mean of the F_i (claims.md §2, client drift). Fields: <c>curvatures</c> (a, its length is d),
/// <c>noise</c> (σ, required), and the worker optima either listed as <c>optima</c> (one vector per worker) or
/// generated as x*_i = c + ζ u_i with u_i a random unit direction: <c>spread</c> (ζ), <c>data_seed</c> and
/// <c>center</c> (c, default 0). The problem has one optimum per worker, so N is the scenario's <c>workers</c>.
/// </summary>
public sealed class HeterogeneousQuadraticsReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "heterogeneous-quadratics";

    /// <inheritdoc/>
    public string Summary => "worker i minimises sum_k (a_k/2)(x_k - x*_ik)^2 with additive Gaussian noise; F is the mean (client drift)";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Needed("curvatures", SchemaShape.List(SchemaShape.Number(NumberRule.Positive)), "a_k > 0, shared by every worker; the length is d."),
        ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative), "sigma >= 0."),
        ScenarioField.Optional("optima", SchemaShape.List(SchemaShape.List(SchemaShape.Number(NumberRule.Finite))),
            "x*_i for every worker: exactly `workers` lists of d numbers."),
        ScenarioField.Optional("spread", SchemaShape.Number(NumberRule.NonNegative), "zeta >= 0, the distance of each generated optimum from center."),
        ProblemFields.DataSeedField("Seed of the directions u_i, 0..2^64-1.", required: false),
        ScenarioField.Optional("center", SchemaShape.List(SchemaShape.Number(NumberRule.Finite)), "c, d numbers (default 0)."),
    ];

    /// <summary>The optima are listed, or generated from spread and data_seed (center only with them).</summary>
    public IReadOnlyList<FieldRule> FieldRules { get; } =
        [new([(["optima"], ["spread", "data_seed", "center"]), (["spread", "data_seed"], ["optima"])])];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
    {
        double[] curvatures = problem.NumberList("curvatures", NumberRule.Positive);
        double noise = problem.Number("noise", NumberRule.NonNegative);
        int dimension = curvatures.Length;
        if ((long)context.Workers * dimension > HeterogeneousQuadratics.MaximumOptimumEntries)
            throw ScenarioException.NotAllowed(problem.PathOf("curvatures"), $"a list of {dimension.ToString(CultureInfo.InvariantCulture)} numbers", HeterogeneousQuadratics.CurvatureCountRange(context.Workers));
        string workers = context.Workers.ToString(CultureInfo.InvariantCulture);
        string lengthNote = $"the number of curvatures, d = {dimension.ToString(CultureInfo.InvariantCulture)}";
        if (problem.Find("optima") is JsonElement optima)
        {
            const string reason = "the optima are listed; spread, data_seed and center only generate them";
            ProblemFields.Exclude(problem, "spread", "optima", reason);
            ProblemFields.Exclude(problem, "data_seed", "optima", reason);
            ProblemFields.Exclude(problem, "center", "optima", reason);
            string description = $"a list of {workers} worker optima (one per worker, workers = {workers}), each a list of {dimension.ToString(CultureInfo.InvariantCulture)} numbers";
            double[][] vectors = ProblemFields.VectorList(optima, problem.PathOf("optima"), context.Workers, dimension, NumberRule.Finite, description, lengthNote);
            return HeterogeneousQuadratics.WithOptima(curvatures, vectors, noise);
        }
        if (!problem.Has("spread"))
            throw ScenarioException.Missing(problem.PathOf("spread"),
                $"a finite number >= 0 (the distance of each generated worker optimum from center), or give problem.optima, a list of {workers} worker optima");
        double spread = problem.Number("spread", NumberRule.NonNegative);
        ulong dataSeed = ProblemFields.DataSeed(problem);
        double[]? center = ProblemFields.OptionalNumberList(problem, "center", NumberRule.Finite, dimension, lengthNote);
        return HeterogeneousQuadratics.Generated(curvatures, context.Workers, spread, noise, dataSeed, center);
    }

    /// <summary>
    /// Writes <c>curvatures</c>, <c>noise</c> and the optima in the form they were given: <c>spread</c>,
    /// <c>data_seed</c> and <c>center</c> for generated optima, <c>optima</c> for listed ones. N is not written:
    /// it is the scenario's <c>workers</c>.
    /// </summary>
    public void Write(IProblem problem, Utf8JsonWriter writer)
    {
        HeterogeneousQuadratics heterogeneous = ProblemFields.As<HeterogeneousQuadratics>(problem, Family);
        IReadOnlyDictionary<string, object> parameters = heterogeneous.Parameters;
        ProblemFields.WriteNumbers(writer, "curvatures", heterogeneous.Curvatures);
        ProblemFields.WriteNumber(writer, "noise", heterogeneous.Noise);
        if (parameters.TryGetValue("data_seed", out object? seed))
        {
            // The generated form's spread, seed and center are known only through Parameters.
            ProblemFields.WriteNumber(writer, "spread", Convert.ToDouble(parameters["spread"], CultureInfo.InvariantCulture));
            ProblemFields.WriteDataSeed(writer, ulong.Parse((string)seed, CultureInfo.InvariantCulture));
            ProblemFields.WriteNumbers(writer, "center", (IEnumerable<double>)parameters["center"]);
        }
        else
        {
            ProblemFields.WriteVectors(writer, "optima", Enumerable.Range(0, heterogeneous.Workers).Select(i => heterogeneous.WorkerOptimum(i).ToArray()));
        }
    }
}
