using System.Text.Json;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// A job's problem data as JSON for the numpy and PyTorch programs (bench/compare/python_job.py), so every
/// implementation runs on the same numbers: the dense quadratic's A; the least-squares design A (row-major), targets b
/// and x*; the logistic features (row-major), labels, λ, x* and F*; the heterogeneous optima x*_i (row-major), their
/// mean x* and F*. Doubles are written in their shortest round-trip form.
/// </summary>
public static class JobData
{
    /// <summary>Writes the data of <paramref name="problem"/> to <paramref name="path"/> (an empty object for problems without data).</summary>
    public static void Write(IProblem problem, string path)
    {
        int d = problem.Dimension;
        var data = new Dictionary<string, object> { ["dimension"] = d };
        switch (problem)
        {
            case DenseQuadratic dense:
                var hessian = dense.HessianMatrix();
                data["matrix"] = Enumerable.Range(0, d * d).Select(index => hessian[index / d, index % d]).ToArray();
                break;
            case LeastSquares leastSquares:
                data["rows"] = leastSquares.Rows;
                data["batch_size"] = leastSquares.BatchSize;
                data["design"] = Enumerable.Range(0, leastSquares.Rows).SelectMany(i => leastSquares.Row(i).ToArray()).ToArray();
                data["targets"] = leastSquares.Targets.ToArray();
                data["optimum"] = leastSquares.Optimum!.ToArray();
                break;
            case LogisticRegression logistic:
                data["rows"] = logistic.Rows;
                data["batch_size"] = logistic.BatchSize;
                data["regularization"] = logistic.Regularization;
                data["design"] = Enumerable.Range(0, logistic.Rows).SelectMany(i => logistic.Row(i).ToArray()).ToArray();
                data["labels"] = logistic.Labels.ToArray();
                data["optimum"] = logistic.Optimum!.ToArray();
                data["optimal_value"] = logistic.OptimalValue;
                break;
            case HeterogeneousQuadratics heterogeneous:
                data["curvatures"] = heterogeneous.Curvatures.ToArray();
                data["worker_optima"] = Enumerable.Range(0, heterogeneous.Workers).SelectMany(i => heterogeneous.WorkerOptimum(i).ToArray()).ToArray();
                data["optimum"] = heterogeneous.Optimum!.ToArray();
                data["optimal_value"] = heterogeneous.OptimalValue;
                break;
        }
        File.WriteAllText(path, JsonSerializer.Serialize(data));
    }
}
