namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// Draws from distributions with known answers, from a seeded <see cref="System.Random"/> (the seeded constructor
/// uses a fixed algorithm, so the same seed gives the same stream on every run).
/// </summary>
internal static class Draws
{
    /// <summary>Standard normal by Box–Muller (one of the pair; the other is discarded for simplicity).</summary>
    internal static double StandardNormal(Random random)
    {
        double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        return radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>Exponential with the given mean, by inversion.</summary>
    internal static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>Bernoulli(p) as 0 or 1.</summary>
    internal static double Bernoulli(Random random, double probability) => random.NextDouble() < probability ? 1 : 0;

    /// <summary>n draws of one distribution.</summary>
    internal static double[] Sample(Random random, int count, Func<Random, double> draw)
    {
        double[] values = new double[count];
        for (int index = 0; index < count; index++)
        {
            values[index] = draw(random);
        }
        return values;
    }

    /// <summary>
    /// n bivariate normal pairs with means (μx, μy), standard deviations (σx, σy) and correlation ρ: the shared
    /// random numbers of a paired comparison.
    /// </summary>
    internal static (double[] First, double[] Second) CorrelatedNormalPairs(
        Random random, int count, double firstMean, double secondMean, double firstDeviation, double secondDeviation, double correlation)
    {
        double[] first = new double[count];
        double[] second = new double[count];
        double independentPart = Math.Sqrt(1 - correlation * correlation);
        for (int index = 0; index < count; index++)
        {
            double shared = StandardNormal(random);
            double own = StandardNormal(random);
            first[index] = firstMean + firstDeviation * shared;
            second[index] = secondMean + secondDeviation * (correlation * shared + independentPart * own);
        }
        return (first, second);
    }

    /// <summary>Standard normal distribution function Φ(x), for the DKWM band check.</summary>
    internal static double NormalDistributionFunction(double value) =>
        MathNet.Numerics.Distributions.Normal.CDF(0, 1, value);
}
