using System.Globalization;
using LocalSgdVerify.Validation.Oracle;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// The gradient's sign flipped on some workers only: the mean update is r̄^s = Σ_i w_i g_i^s with w_i = 1/N for a
/// correct worker and −1/N for a flipped one. The per-worker weights are the least-squares solution over every
/// recorded step and coordinate; the workers with a negative weight are the flipped ones. (All workers flipped is
/// <see cref="BugClasses.GradientSignFlipped"/>.)
/// </summary>
public static class SignFlipFamily
{
    /// <summary>The fitted mutation, if some but not all workers have a negative weight.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        int n = run.Workers;
        if (n < 2 || records.Count * run.Dimension < n) yield break;
        var normal = new double[n, n];
        var right = new double[n];
        foreach (var record in records)
            for (int k = 0; k < run.Dimension; k++)
                for (int i = 0; i < n; i++)
                {
                    right[i] += record.Gradients[i][k] * record.MeanUpdate[k];
                    for (int j = 0; j < n; j++) normal[i, j] += record.Gradients[i][k] * record.Gradients[j][k];
                }
        if (LeastSquares.Solve(normal, right) is not { } weights) yield break;
        int[] flipped = Enumerable.Range(0, n).Where(i => weights[i] < 0).ToArray();
        if (flipped.Length == 0 || flipped.Length == n) yield break;
        string who = flipped.Length == 1 ? $"worker {Integer(flipped[0])}" : $"workers {string.Join(", ", flipped.Select(value => Integer(value)))}";
        string weightsText = string.Join(", ", flipped.Select(i => $"w_{Integer(i)} ≈ {ParameterText.Value(weights[i] * n)}/N"));
        string estimate = $"{who} ({weightsText} from {ParameterText.Steps(records.Select(record => record.Step).ToArray())})";
        yield return new Mutation(BugClasses.GradientSignFlippedOnSomeWorkers,
            $"{estimate}: {who} step{(flipped.Length == 1 ? "s" : "")} along the gradient (y = x + η g) while the other workers descend",
            LoopVariant.Reference(run) with { SignFlippedWorkers = flipped }) { Estimate = estimate, Parameter = flipped.Length };
    }

}
