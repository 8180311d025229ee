namespace LocalSgdVerify.Model.Statistics;

/// <summary>
/// Neumaier's compensated summation (Neumaier 1974, an improvement of Kahan 1965), always in index order, so the same
/// input gives the same bits on every run and thread count, and the result is within about 2 ulp of the exact sum plus
/// O(n ε²)·Σ|xᵢ| — hence nearly independent of the order of the input.
/// </summary>
public static class CompensatedSum
{
    /// <summary>Σ values[i], accumulated in index order with Neumaier's correction term.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        double compensation = 0;
        foreach (double value in values)
        {
            Add(ref sum, ref compensation, value);
        }
        return sum + compensation;
    }

    /// <summary>Arithmetic mean (1/n) Σ values[i] with the compensated sum; needs at least one value.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        Require.Count(values.Length, 1, nameof(values), "a mean needs a value");
        return Sum(values) / values.Length;
    }

    /// <summary>Σ (values[i] − centre)², compensated, in index order.</summary>
    public static double SumOfSquaredDeviations(ReadOnlySpan<double> values, double centre)
    {
        double sum = 0;
        double compensation = 0;
        foreach (double value in values)
        {
            double deviation = value - centre;
            Add(ref sum, ref compensation, deviation * deviation);
        }
        return sum + compensation;
    }

    /// <summary>Σ (first[i] − firstCentre)(second[i] − secondCentre), compensated, in index order.</summary>
    public static double SumOfCrossDeviations(
        ReadOnlySpan<double> first, double firstCentre, ReadOnlySpan<double> second, double secondCentre)
    {
        Require.SameLength(first.Length, second.Length, nameof(first), nameof(second));
        double sum = 0;
        double compensation = 0;
        for (int index = 0; index < first.Length; index++)
        {
            Add(ref sum, ref compensation, (first[index] - firstCentre) * (second[index] - secondCentre));
        }
        return sum + compensation;
    }

    /// <summary>One Neumaier step: add <paramref name="value"/> to the running sum, keeping the lost low-order bits.</summary>
    internal static void Add(ref double sum, ref double compensation, double value)
    {
        double total = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
        sum = total;
    }
}
