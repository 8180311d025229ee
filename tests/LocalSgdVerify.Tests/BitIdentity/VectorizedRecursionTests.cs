using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// The separable moment recursion, vectorized eight coordinates at a time, against a plain one-coordinate-at-a-time
/// transcription of its update rules (claims.md §5: q ← (b² + η²a²c²)q + η²σ², r ← b²r, averaging sets
/// q = r = q/N + (1 − 1/N)r; P ← bP + w·m2, Q ← Q + 2w·b·P + w²·m2), for dimensions that leave vector tails of every
/// length. Agreement is asserted to 1e-12 relative (the vector loop repeats the scalar operations, so it is exact in
/// practice; the tolerance is the engine's stated one).
/// </summary>
public class VectorizedRecursionTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<int, string> Cases => new()
    {
        { 1, "last-average" }, { 7, "last-average" }, { 8, "polyak-ruppert" }, { 13, "stich-weighted" },
        { 33, "last-average" }, { 17, "polyak-ruppert" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorizedRecursionMatchesACoordinateByCoordinateTranscription(int dimension, string outputKind)
    {
        var curvatures = Enumerable.Range(0, dimension).Select(k => 0.6 + 0.37 * k).ToArray();
        var problem = new SeparableQuadratic(curvatures, 0.4, 0.9);
        var start = Enumerable.Range(0, dimension).Select(k => 1.0 - 0.05 * k).ToArray();
        var stepSize = new InverseTimeStepSize(1.5, 4);
        OutputIterate output = outputKind switch
        {
            "polyak-ruppert" => OutputIterate.PolyakRuppert,
            "stich-weighted" => OutputIterate.StichWeighted(6),
            _ => OutputIterate.LastAverage,
        };
        const int workers = 6, steps = 400;
        int[] syncSteps = [3, 10, 11, 50, 120, 121, 122, 300, 400];
        int[] checkpoints = [1, 11, 200, 400];
        var engine = SeparableQuadraticMoments.Compute(problem, workers, start, stepSize, steps, syncSteps, checkpoints, output);
        var expected = Transcription(curvatures, 0.4, 0.9, workers, start, stepSize, steps, syncSteps, checkpoints, output);
        for (int c = 0; c < checkpoints.Length; c++)
        {
            AssertClose(expected.Output[c], engine.OutputErrors[c]);
            AssertClose(expected.Average[c], engine.AverageErrors[c]);
            AssertClose(expected.Worker[c], engine.WorkerErrors[c]);
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})");

    private static (double[] Output, double[] Average, double[] Worker) Transcription(double[] a, double c, double sigma, int workers,
        double[] start, IStepSizeSchedule stepSize, int steps, int[] syncSteps, int[] checkpoints, OutputIterate output)
    {
        int d = a.Length;
        var q = start.Select(x => x * x).ToArray();
        var r = q.ToArray();
        var p = new double[d];
        var weightedSquare = new double[d];
        double weightTotal = 0;
        var result = (Output: new double[checkpoints.Length], Average: new double[checkpoints.Length], Worker: new double[checkpoints.Length]);
        int recorded = 0;
        for (int t = 0; t < steps; t++)
        {
            double eta = stepSize.At(t);
            int completed = t + 1;
            bool sync = syncSteps.Contains(completed);
            double? weight = output.Weight(completed);
            if (weight is double w) weightTotal += w;
            for (int k = 0; k < d; k++)
            {
                double b = 1 - eta * a[k];
                double nextQ = (b * b + eta * eta * a[k] * a[k] * c * c) * q[k] + eta * eta * sigma * sigma;
                double nextR = b * b * r[k];
                double averageSquare = nextQ / workers + (1 - 1.0 / workers) * nextR;
                if (weight is double weightNow)
                {
                    weightedSquare[k] += 2 * weightNow * b * p[k] + weightNow * weightNow * averageSquare;
                    p[k] = b * p[k] + weightNow * averageSquare;
                }
                q[k] = sync ? averageSquare : nextQ;
                r[k] = sync ? averageSquare : nextR;
            }
            if (recorded < checkpoints.Length && checkpoints[recorded] == completed)
            {
                double average = 0, worker = 0, weighted = 0;
                for (int k = 0; k < d; k++)
                {
                    average += 0.5 * a[k] * (q[k] / workers + (1 - 1.0 / workers) * r[k]);
                    worker += 0.5 * a[k] * q[k];
                    weighted += 0.5 * a[k] * weightedSquare[k];
                }
                result.Average[recorded] = average;
                result.Worker[recorded] = worker;
                result.Output[recorded] = output.Weight(1) is null ? average : weighted / (weightTotal * weightTotal);
                recorded++;
            }
        }
        return result;
    }
}
