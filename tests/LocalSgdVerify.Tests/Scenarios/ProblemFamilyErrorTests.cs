using LocalSgdVerify.Model.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>
/// Bad parameters of the generated-data families: each replaces the base scenario's problem (N = 4, T = 1000,
/// x0 = 1 for every coordinate) and must give one <see cref="ScenarioException"/> naming the exact field path,
/// the value as written and what is allowed. Messages are written out in full.
/// </summary>
public class ProblemFamilyErrorTests
{
    private const string Seed = "an integer in 0..18446744073709551615";

    public static TheoryData<string, string, string> Cases => new()
    {
        // problem object (JSON), expected field path, expected message

        // dense-quadratic
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"spectrum":{"kind":"linear","dimension":2,"mu":1,"l":2},"noise":0.5,"data_seed":1}""",
            "problem.spectrum",
            "problem.spectrum = {\"kind\":\"linear\",\"dimension\":2,\"mu\":1,\"l\":2} is not allowed: expected no 'spectrum' when 'eigenvalues' is given (the spectrum is either listed or generated)." },
        { """{"family":"dense-quadratic","noise":0.5,"data_seed":1}""", "problem.eigenvalues",
            "problem.eigenvalues is missing: expected a non-empty list of numbers > 0 (the spectrum of A), or give problem.spectrum = {\"kind\": \"linear\" | \"geometric\", \"dimension\": d, \"mu\": smallest, \"l\": largest}." },
        { """{"family":"dense-quadratic","eigenvalues":[1,-2],"noise":0.5,"data_seed":1}""", "problem.eigenvalues[1]",
            "problem.eigenvalues[1] = -2 is not allowed: expected a finite number > 0." },
        { """{"family":"dense-quadratic","spectrum":{"kind":"geometric","dimension":3,"mu":2,"l":1},"noise":0.5,"data_seed":1}""", "problem.spectrum.l",
            "problem.spectrum.l = 1 is not allowed: expected a finite number >= mu = 2." },
        { """{"family":"dense-quadratic","spectrum":{"kind":"uniform","dimension":3,"mu":1,"l":2},"noise":0.5,"data_seed":1}""", "problem.spectrum.kind",
            "problem.spectrum.kind = \"uniform\" is not allowed: expected one of linear, geometric." },
        { """{"family":"dense-quadratic","spectrum":{"kind":"linear","dimension":1,"mu":1,"l":2},"noise":0.5,"data_seed":1}""", "problem.spectrum.dimension",
            "problem.spectrum.dimension = 1 is not allowed: expected an integer >= 2 when mu < l (one eigenvalue cannot be both)." },
        { """{"family":"dense-quadratic","spectrum":{"kind":"linear","dimension":5000,"mu":1,"l":2},"noise":0.5,"data_seed":1}""", "problem.spectrum.dimension",
            "problem.spectrum.dimension = 5000 is not allowed: expected an integer in 1..2048 (a dense d × d matrix is held in memory)." },
        { """{"family":"dense-quadratic","spectrum":{"kind":"linear","dimension":3,"mu":1,"L":2},"noise":0.5,"data_seed":1}""", "problem.spectrum.L",
            "unknown field 'L' in problem.spectrum (did you mean 'l'?); known fields: kind, dimension, mu, l." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2,3],"noise":0.5,"data_seed":1,"optimum":[1,2]}""", "problem.optimum",
            "problem.optimum = [1,2] is not allowed: expected a list of 3 numbers (the number of eigenvalues, d = 3)." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5}""", "problem.data_seed",
            $"problem.data_seed is missing: expected {Seed} (the seed of the random eigenbasis), or give problem.eigenvectors." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"data_seed":-1}""", "problem.data_seed",
            $"problem.data_seed = -1 is not allowed: expected {Seed}." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":-0.5,"data_seed":1}""", "problem.noise",
            "problem.noise = -0.5 is not allowed: expected a finite number >= 0." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"data_seed":1,"eigenvectors":[[1,0],[0,1]]}""", "problem.data_seed",
            "problem.data_seed = 1 is not allowed: expected no 'data_seed' when 'eigenvectors' is given (the basis is either drawn from data_seed or given as eigenvectors)." },
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"eigenvectors":[[1,0]]}""", "problem.eigenvectors",
            "problem.eigenvectors = [[1,0]] is not allowed: expected a list of 2 rows of 2 numbers (an orthogonal matrix Q whose column k is the eigenvector of eigenvalue k)." },
        // QᵀQ of the rows (1, 0), (1, 1) has (0, 0) entry 1² + 1² = 2: one off the identity.
        { """{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"eigenvectors":[[1,0],[1,1]]}""", "problem.eigenvectors",
            "problem.eigenvectors = a matrix with (QᵀQ − I)[0,0] = 1 is not allowed: expected an orthogonal matrix (QᵀQ = I to 1e-10)." },

        // least-squares
        { """{"family":"least-squares","rows":50,"columns":3,"rank":4,"noise_level":0.1,"data_seed":1}""", "problem.rank",
            "problem.rank = 4 is not allowed: expected an integer in 1..3 (the rank may not exceed columns = 3)." },
        { """{"family":"least-squares","rows":50,"columns":3,"rank":0,"noise_level":0.1,"data_seed":1}""", "problem.rank",
            "problem.rank = 0 is not allowed: expected an integer in 1..3 (the rank may not exceed columns = 3)." },
        { """{"family":"least-squares","rows":50,"columns":3,"noise_level":0.1,"data_seed":1,"column_scales":[1,2]}""", "problem.column_scales",
            "problem.column_scales = [1,2] is not allowed: expected a list of 3 numbers (one scale per column, columns = 3)." },
        { """{"family":"least-squares","rows":50,"columns":3,"noise_level":0.1,"data_seed":1,"column_scales":[1,0,1]}""", "problem.column_scales[1]",
            "problem.column_scales[1] = 0 is not allowed: expected a number in [1e-60, 1e60] (H squares the scales; beyond that range its eigenvalues overflow or vanish)." },
        // 2^28 / 3 = 89478485.3: the largest design with 3 columns has 89478485 rows.
        { """{"family":"least-squares","rows":100000000,"columns":3,"noise_level":0.1,"data_seed":1}""", "problem.rows",
            "problem.rows = 100000000 is not allowed: expected an integer in 1..89478485 (rows × columns may not exceed 268435456 with columns = 3; the data are held in memory)." },
        { """{"family":"least-squares","rows":50,"columns":3,"batch_size":0,"noise_level":0.1,"data_seed":1}""", "problem.batch_size",
            "problem.batch_size = 0 is not allowed: expected an integer >= 1." },
        { """{"family":"least-squares","rows":50,"columns":3,"data_seed":1}""", "problem.noise_level",
            "problem.noise_level is missing: expected a finite number >= 0." },
        { """{"family":"least-squares","examples":50,"columns":3,"noise_level":0.1,"data_seed":1}""", "problem.examples",
            "unknown field 'examples' in problem; known fields: family, rows, columns, rank, batch_size, noise_level, data_seed, column_scales, partitions." },

        // logistic-regression
        { """{"family":"logistic-regression","rows":50,"columns":3,"regularization":0,"data_seed":1}""", "problem.regularization",
            "problem.regularization = 0 is not allowed: expected a finite number > 0." },
        { """{"family":"logistic-regression","rows":50,"columns":3,"regularization":0.1}""", "problem.data_seed",
            $"problem.data_seed is missing: expected {Seed} (the seed the problem's data are drawn from)." },
        { """{"family":"logistic-regression","rows":50,"columns":0,"regularization":0.1,"data_seed":1}""", "problem.columns",
            "problem.columns = 0 is not allowed: expected an integer in 1..2048 (a dense d × d matrix is held in memory)." },
        { """{"family":"logistic-regression","rows":2.5,"columns":3,"regularization":0.1,"data_seed":1}""", "problem.rows",
            "problem.rows = 2.5 is not allowed: expected an integer in 1..89478485 (rows × columns may not exceed 268435456 with columns = 3; the data are held in memory)." },

        // heterogeneous-quadratics (workers = 4 in the base scenario)
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optima":[[1,0],[0,1],[1,1]]}""", "problem.optima",
            "problem.optima = [[1,0],[0,1],[1,1]] is not allowed: expected a list of 4 worker optima (one per worker, workers = 4), each a list of 2 numbers." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optima":[[1,0],[0,1],[1],[0,0]]}""", "problem.optima[2]",
            "problem.optima[2] = [1] is not allowed: expected a list of 2 numbers (the number of curvatures, d = 2)." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optima":[[1,0],[0,1],[1,"NaN"],[0,0]]}""", "problem.optima[2][1]",
            "problem.optima[2][1] = \"NaN\" is not allowed: expected a finite number (JSON has no NaN or Infinity, and numbers are never written as strings)." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optima":[[1,0],[0,1],[1,1],[0,0]],"spread":1}""", "problem.spread",
            "problem.spread = 1 is not allowed: expected no 'spread' when 'optima' is given (the optima are listed; spread, data_seed and center only generate them)." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5}""", "problem.spread",
            "problem.spread is missing: expected a finite number >= 0 (the distance of each generated worker optimum from center), or give problem.optima, a list of 4 worker optima." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"spread":-1,"data_seed":1}""", "problem.spread",
            "problem.spread = -1 is not allowed: expected a finite number >= 0." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"spread":1,"data_seed":1,"center":[0,0,0]}""", "problem.center",
            "problem.center = [0,0,0] is not allowed: expected a list of 2 numbers (the number of curvatures, d = 2)." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"spread":1}""", "problem.data_seed",
            $"problem.data_seed is missing: expected {Seed} (the seed the problem's data are drawn from)." },
        { """{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optimum_spread":1,"data_seed":1}""", "problem.optimum_spread",
            "unknown field 'optimum_spread' in problem; known fields: family, curvatures, noise, optima, spread, data_seed, center." },

        // label-noise-uv
        { """{"family":"label-noise-uv","label_noise":-1}""", "problem.label_noise",
            "problem.label_noise = -1 is not allowed: expected a finite number >= 0." },
        { """{"family":"label-noise-uv","label_noise":1,"local_batch":0}""", "problem.local_batch",
            "problem.local_batch = 0 is not allowed: expected an integer >= 1." },
        { """{"family":"label-noise-uv","label_noise":1,"local_batch_size":4}""", "problem.local_batch_size",
            "unknown field 'local_batch_size' in problem; known fields: family, label_noise, local_batch." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadProblemParameterGivesOneMessageNamingItsPath(string problem, string field, string message)
    {
        string json = ScenarioTestFiles.Base().With("problem", problem).ToJsonString();
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(json));
        Assert.Equal(field, error.Field);
        ScenarioErrorTests.AssertMessage(message, error.Message);
    }

    [Theory]
    [InlineData("""{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"data_seed":1}""", 2)]
    [InlineData("""{"family":"dense-quadratic","spectrum":{"kind":"linear","dimension":4,"mu":1,"l":4},"noise":0.5,"data_seed":1}""", 4)]
    [InlineData("""{"family":"dense-quadratic","eigenvalues":[1,2],"noise":0.5,"eigenvectors":[[0,1],[-1,0]],"optimum":[1,1]}""", 2)]
    [InlineData("""{"family":"least-squares","rows":50,"columns":3,"noise_level":0.1,"data_seed":1}""", 3)]
    [InlineData("""{"family":"logistic-regression","rows":50,"columns":3,"regularization":0.1,"data_seed":1}""", 3)]
    [InlineData("""{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"optima":[[1,0],[0,1],[1,1],[0,0]]}""", 2)]
    [InlineData("""{"family":"heterogeneous-quadratics","curvatures":[1,2],"noise":0.5,"spread":1,"data_seed":1}""", 2)]
    [InlineData("""{"family":"label-noise-uv","label_noise":1}""", 2)]
    public void AMinimalProblemOfEachFamilyIsAccepted(string problem, int dimension)
    {
        // The error cases above break one field of scenarios like these; the unbroken ones must be accepted.
        Scenario scenario = ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("problem", problem));
        Assert.Equal(dimension, scenario.Configuration.Problem.Dimension);
        Assert.Equal(Enumerable.Repeat(1.0, dimension).ToArray(), scenario.Configuration.InitialPoint);
    }
}
