namespace LocalSgdVerify.TestSupport;

/// <summary>
/// The averaging of the tests' own Local SGD loops (claims.md §1): coordinate by coordinate, the workers' points summed
/// in worker order and divided by N, which is the order the reference sums in, so the loops match it bit for bit.
/// </summary>
public static class WorkerAverage
{
    /// <summary>Σ_i points[i] / N, summed over i = 0, 1, ..., N − 1.</summary>
    public static double[] Of(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var average = new double[points[0].Length];
        for (var k = 0; k < average.Length; k++)
        {
            var total = 0.0;
            foreach (double[] point in points) total += point[k];
            average[k] = total / points.Count;
        }
        return average;
    }
}
