using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace LocalSgdVerify.Model.Statistics;

/// <summary>
/// Upper-tail critical values of the standard normal and Student t distributions: the c with P(T &gt; c) = q.
/// </summary>
/// <remarks>
/// MathNet's <c>StudentT.InvCDF</c> searches for the root only in [−800, 800], so it fails for the small tail
/// probabilities an error budget hands out (e.g. 1 degree of freedom at q = 1e-4 needs c ≈ 3183). The Student quantile
/// here solves the upper-tail equation Q(c) = q directly, with Q(c) = ½ I_{ν/(ν+c²)}(ν/2, ½) (regularised incomplete
/// beta, Abramowitz &amp; Stegun 26.7.1), which has no cancellation in the tail; the root is bracketed by doubling and
/// then polished by Newton steps on ln Q(c) − ln q with bisection as a safeguard. Above
/// <see cref="LargeDegreesOfFreedom"/> degrees of freedom the incomplete beta loses accuracy, and the Cornish–Fisher
/// expansion of t about z (Abramowitz &amp; Stegun 26.7.5, terms to ν⁻⁴) is accurate to rounding instead.
/// </remarks>
public static class CriticalValues
{
    /// <summary>z with P(Z &gt; z) = <paramref name="upperTailProbability"/> for Z ~ N(0, 1), i.e. z_{1−q} = −Φ⁻¹(q).</summary>
    public static double Normal(double upperTailProbability)
    {
        Require.OpenUnitInterval(upperTailProbability, nameof(upperTailProbability));
        return -MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, upperTailProbability);
    }

    /// <summary>
    /// t with P(T &gt; t) = <paramref name="upperTailProbability"/> for T ~ Student t with ν =
    /// <paramref name="degreesOfFreedom"/> (ν &gt; 0, real), i.e. t_{1−q, ν}. Accurate to a few ulp of Q.
    /// </summary>
    public static double StudentT(double degreesOfFreedom, double upperTailProbability)
    {
        Require.Positive(degreesOfFreedom, nameof(degreesOfFreedom));
        Require.OpenUnitInterval(upperTailProbability, nameof(upperTailProbability));
        if (upperTailProbability > 0.5)
        {
            return -StudentT(degreesOfFreedom, 1 - upperTailProbability);
        }
        if (upperTailProbability == 0.5)
        {
            return 0;
        }

        if (degreesOfFreedom > LargeDegreesOfFreedom)
        {
            return CornishFisher(degreesOfFreedom, Normal(upperTailProbability));
        }

        double target = Math.Log(upperTailProbability);
        double low = 0;
        double high = Math.Max(1, Normal(upperTailProbability));
        while (StudentUpperTail(degreesOfFreedom, high) > upperTailProbability)
        {
            low = high;
            high *= 2;
        }

        double current = 0.5 * (low + high);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double tail = StudentUpperTail(degreesOfFreedom, current);
            double excess = Math.Log(tail) - target;
            if (excess > 0)
            {
                low = current;
            }
            else if (excess < 0)
            {
                high = current;
            }
            else
            {
                return current;
            }

            // d/dc ln Q(c) = −f(c)/Q(c), with f the Student density.
            double slope = -StudentDensity(degreesOfFreedom, current) / tail;
            double next = current - excess / slope;
            if (!(next > low && next < high))
            {
                next = 0.5 * (low + high);
            }
            if (Math.Abs(next - current) <= 4 * double.Epsilon + 2e-16 * Math.Abs(current) || high - low <= 2e-16 * high)
            {
                return next;
            }
            current = next;
        }
        return current;
    }

    /// <summary>Degrees of freedom above which <see cref="StudentT"/> uses the Cornish–Fisher expansion.</summary>
    public const double LargeDegreesOfFreedom = 1e5;

    /// <summary>
    /// t ≈ z + g₁(z)/ν + g₂(z)/ν² + g₃(z)/ν³ + g₄(z)/ν⁴ with g₁ = (z³ + z)/4, g₂ = (5z⁵ + 16z³ + 3z)/96,
    /// g₃ = (3z⁷ + 19z⁵ + 17z³ − 15z)/384, g₄ = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160 (A&amp;S 26.7.5).
    /// </summary>
    internal static double CornishFisher(double degreesOfFreedom, double normalQuantile)
    {
        double z = normalQuantile;
        double z2 = z * z;
        double g1 = z * (z2 + 1) / 4;
        double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
        double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
        double g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
        double inverse = 1 / degreesOfFreedom;
        return z + inverse * (g1 + inverse * (g2 + inverse * (g3 + inverse * g4)));
    }

    /// <summary>Q(c) = P(T &gt; c) for c ≥ 0: ½ I_{ν/(ν+c²)}(ν/2, ½).</summary>
    internal static double StudentUpperTail(double degreesOfFreedom, double value) =>
        0.5 * SpecialFunctions.BetaRegularized(
            0.5 * degreesOfFreedom, 0.5, degreesOfFreedom / (degreesOfFreedom + value * value));

    /// <summary>Student density f(c) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + c²/ν)^{−(ν+1)/2}, evaluated in logs.</summary>
    internal static double StudentDensity(double degreesOfFreedom, double value)
    {
        double logDensity = SpecialFunctions.GammaLn(0.5 * (degreesOfFreedom + 1))
            - SpecialFunctions.GammaLn(0.5 * degreesOfFreedom)
            - 0.5 * Math.Log(degreesOfFreedom * Math.PI)
            - 0.5 * (degreesOfFreedom + 1) * Math.Log(1 + value * value / degreesOfFreedom);
        return Math.Exp(logDensity);
    }
}
