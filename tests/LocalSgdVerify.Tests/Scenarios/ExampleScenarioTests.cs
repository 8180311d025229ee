using System.Text.Json;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>Every file in scenarios/ either reads cleanly or, for a family whose reader has not landed, fails naming it.</summary>
public class ExampleScenarioTests
{
    /// <summary>
    /// Families with example files whose readers are still on another branch. When a reader is listed in
    /// <see cref="ProblemReaderRegistry.Default"/>, remove its family here: its examples must then read cleanly.
    /// </summary>
    private static readonly string[] PendingFamilies = [];

    public static TheoryData<string> Examples => new(ScenarioTestFiles.ExampleFileNames);

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleReadsOrNamesItsPendingFamily(string fileName)
    {
        string path = Path.Combine(ScenarioTestFiles.ScenariosFolder, fileName);
        string family = FamilyOf(path);
        var reader = new ScenarioReader();
        if (ProblemReaderRegistry.Default.Find(family) is not null)
        {
            Scenario scenario = reader.ReadFile(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(fileName), scenario.Name);
            Assert.Equal(family, scenario.Configuration.Problem.Family);
            Assert.Equal(scenario.Configuration.Steps, scenario.Configuration.Checkpoints[^1]);
            Assert.Equal(path, scenario.Source);
        }
        else
        {
            Assert.Contains(family, PendingFamilies);
            var error = Assert.Throws<ScenarioException>(() => reader.ReadFile(path));
            Assert.Equal("problem.family", error.Field);
            Assert.Contains($"\"{family}\"", error.Message);
            foreach (string known in ProblemReaderRegistry.Default.Families) Assert.Contains(known, error.Message);
        }
    }

    [Fact]
    public void EveryRegisteredFamilyHasAnExample()
    {
        var families = ScenarioTestFiles.ExampleFileNames.Select(name => FamilyOf(Path.Combine(ScenarioTestFiles.ScenariosFolder, name))).ToHashSet();
        foreach (string family in ProblemReaderRegistry.Default.Families) Assert.Contains(family, families);
    }

    [Fact]
    public void DenseSpectrumExampleExpandsToTheGeometricEigenvalues()
    {
        // spectrum {geometric, d = 10, mu = 0.1, l = 10}: λ_k = 0.1·100^(k/9), so λ_0 = 0.1, λ_9 = 10 exactly and
        // consecutive ratios are 100^(1/9) ≈ 1.6681.
        Scenario scenario = new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "dense-quadratic-spectrum.json"));
        var problem = Assert.IsType<LocalSgdVerify.Model.Problems.DenseQuadratic>(scenario.Configuration.Problem);
        Assert.Equal(10, problem.Dimension);
        Assert.Equal(0.1, problem.Eigenvalues[0]);
        Assert.Equal(10.0, problem.Eigenvalues[^1]);
        for (int k = 1; k < 10; k++)
            Assert.Equal(Math.Pow(100, 1.0 / 9), problem.Eigenvalues[k] / problem.Eigenvalues[k - 1], 12);
        Assert.Equal(21UL, problem.DataSeed);
    }

    [Fact]
    public void ListedOptimaExampleHasTheHandComputedOptimum()
    {
        // a = (1, 4), x*_0 = (1, 0), x*_1 = (-1, 0): x* = (0, 0) and F* = (1/2)·[(1/2)·1·1² + (1/2)·1·1²] = 1/2.
        Scenario scenario = new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "heterogeneous-quadratics-listed-optima.json"));
        var problem = Assert.IsType<LocalSgdVerify.Model.Problems.HeterogeneousQuadratics>(scenario.Configuration.Problem);
        Assert.Equal(2, problem.Workers);
        Assert.Equal(scenario.Configuration.Workers, problem.Workers);
        Assert.Equal([0.0, 0.0], problem.Optimum!);
        Assert.Equal(0.5, problem.OptimalValue);
    }

    [Fact]
    public void GeneratedHeterogeneousExampleHasOneOptimumPerScenarioWorker()
    {
        Scenario scenario = new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "heterogeneous-quadratics.json"));
        var problem = Assert.IsType<LocalSgdVerify.Model.Problems.HeterogeneousQuadratics>(scenario.Configuration.Problem);
        Assert.Equal(8, scenario.Configuration.Workers);
        Assert.Equal(8, problem.Workers);
        // spread 1 around the default center 0: every worker optimum is a unit vector.
        for (int i = 0; i < 8; i++)
        {
            double[] optimum = problem.WorkerOptimum(i).ToArray();
            Assert.Equal(1.0, Math.Sqrt(optimum.Sum(v => v * v)), 14);
        }
    }

    [Fact]
    public void RankDeficientLeastSquaresExampleIsPlButNotStronglyConvex()
    {
        var full = Assert.IsType<LocalSgdVerify.Model.Problems.LeastSquares>(
            new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "least-squares-full-rank.json")).Configuration.Problem);
        var deficient = Assert.IsType<LocalSgdVerify.Model.Problems.LeastSquares>(
            new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "least-squares-rank-deficient.json")).Configuration.Problem);
        Assert.Equal((5, 5, 5), (full.Columns, full.Rank, full.NumericalRank));
        Assert.True(full.IsStronglyConvex);
        Assert.Equal((5, 3, 3), (deficient.Columns, deficient.Rank, deficient.NumericalRank));
        Assert.False(deficient.IsStronglyConvex);
    }

    [Fact]
    public void ExamplesCoverEveryScheduleStepSizeAndOutputKind()
    {
        var communication = new HashSet<string>();
        var stepSizes = new HashSet<string>();
        var outputs = new HashSet<string>();
        foreach (string fileName in ScenarioTestFiles.ExampleFileNames)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScenarioTestFiles.ScenariosFolder, fileName)));
            JsonElement root = document.RootElement;
            communication.Add(root.GetProperty("communication").GetProperty("kind").GetString()!);
            stepSizes.Add(root.GetProperty("step_size").GetProperty("kind").GetString()!);
            outputs.Add(!root.TryGetProperty("output", out JsonElement output) ? "last-average"
                : output.ValueKind == JsonValueKind.String ? output.GetString()! : output.GetProperty("kind").GetString()!);
        }
        Assert.Equal(CommunicationReader.KindNames.Order(), communication.Order());
        Assert.Equal(StepSizeReader.KindNames.Order(), stepSizes.Order());
        Assert.Equal(OutputReader.KindNames.Order(), outputs.Order());
    }

    [Fact]
    public void SpiridonoffMultiplicativeExampleHasThePapersParameters()
    {
        // Spiridonoff et al. §4.1 (claims.md §2): d = 3, a = (1,2,3), c = 1, σ = 0.5, x0 = 1, N = 20, T = 1000, η_t = 3/(t+1).
        Scenario scenario = new ScenarioReader().ReadFile(Path.Combine(ScenarioTestFiles.ScenariosFolder, "separable-quadratic-multiplicative.json"));
        var configuration = scenario.Configuration;
        var problem = Assert.IsType<LocalSgdVerify.Model.Problems.SeparableQuadratic>(configuration.Problem);
        Assert.Equal([1.0, 2.0, 3.0], problem.Curvatures);
        Assert.Equal(1.0, problem.MultiplicativeNoise);
        Assert.Equal(0.5, problem.AdditiveNoise);
        Assert.Equal([1.0, 1.0, 1.0], configuration.InitialPoint);
        Assert.Equal(20, configuration.Workers);
        Assert.Equal(1000, configuration.Steps);
        Assert.Equal(3.0, configuration.StepSize.At(0));
        Assert.Equal(0.3, configuration.StepSize.At(9));
        // a = 2T/(R(R+1)) = 2000/420; τ_r = ⌊a·r(r+1)/2⌋: τ_1 = ⌊4.76⌋ = 4, τ_2 = ⌊14.29⌋ = 14, τ_3 = ⌊28.57⌋ = 28.
        int[] sync = configuration.StaticSyncSteps!;
        Assert.Equal([4, 14, 28], sync[..3]);
        Assert.Equal(1000, sync[^1]);
        // Log checkpoints, K = 7: round(1000^(i/6)) = 1, 3.16→3, 10, 31.6→32, 100, 316.2→316, 1000.
        Assert.Equal([1, 3, 10, 32, 100, 316, 1000], configuration.Checkpoints);
    }

    private static string FamilyOf(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.GetProperty("problem").GetProperty("family").GetString()!;
    }
}
