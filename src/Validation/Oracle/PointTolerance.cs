namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// How close an implementation's point must be to the reference: |x − x_ref|∞ ≤ ρ · max(1, |x_ref|∞). Relative to
/// the path's own scale, with an absolute floor of ρ near the optimum, so that points of order 1e6 and points near 0
/// are judged alike. ρ = 1e-9 (the default) leaves room for a different but correct summation order in float64;
/// float32 implementations need about 1e-5.
/// </summary>
public static class PointTolerance
{
    /// <summary>The default relative tolerance ρ.</summary>
    public const double DefaultRelativeTolerance = 1e-9;

    /// <summary>The scaled deviation |x − x_ref|∞ / max(1, |x_ref|∞), and the coordinate where |x_k − x_ref,k| is largest.</summary>
    public static double Deviation(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, out int worstCoordinate)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"Cannot compare a point of length {actual.Length} with one of length {expected.Length}.", nameof(actual));
        double scale = 1, largest = -1;
        worstCoordinate = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            scale = Math.Max(scale, Math.Abs(expected[k]));
            double difference = Math.Abs(actual[k] - expected[k]);
            // NaN compares false: a NaN coordinate is the worst one.
            if (!(difference <= largest))
            {
                largest = double.IsNaN(difference) ? double.PositiveInfinity : difference;
                worstCoordinate = k;
            }
        }
        return expected.Length == 0 ? 0 : largest / scale;
    }

    /// <summary>True when <paramref name="actual"/> is within ρ of <paramref name="expected"/> in the scaled max-norm.</summary>
    public static bool Within(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double relativeTolerance)
        => Deviation(actual, expected, out _) <= relativeTolerance;
}
