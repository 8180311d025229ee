using System.Globalization;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>
/// Comparisons of two independent samples (the implementation's outputs under its own noise, the reference's under
/// the harness's): Welch's interval for the difference of means and the two-sample DKWM distance test.
/// </summary>
public static class TwoSampleTests
{
    /// <summary>
    /// Welch's (1947) interval for μ₁ − μ₂: x̄₁ − x̄₂ ± t_{1−α/2, ν} √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite
    /// degrees of freedom ν = (v₁ + v₂)² / (v₁²/(n₁ − 1) + v₂²/(n₂ − 1)), vᵢ = sᵢ²/nᵢ. Approximately valid for
    /// independent samples with approximately normal means (CLT); needs n ≥ 2 in each.
    /// </summary>
    public static Interval WelchDifference(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double level)
    {
        var a = SampleSummary.Of(first);
        var b = SampleSummary.Of(second);
        double va = a.Variance / a.Count, vb = b.Variance / b.Count;
        double difference = a.Mean - b.Mean;
        double spread = Math.Sqrt(va + vb);
        double degrees = spread == 0 ? a.Count + b.Count - 2
            : (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        double critical = CriticalValues.StudentT(Math.Max(1, degrees), (1 - level) / 2);
        return new Interval(difference - critical * spread, difference + critical * spread, difference, level, "Welch",
            string.Create(CultureInfo.InvariantCulture,
                $"independent samples with approximately normal means (Welch t, {degrees:G4} degrees of freedom), n = {a.Count} and {b.Count}"));
    }

    /// <summary>
    /// The two-sample distance D = sup_x |F₁(x) − F₂(x)| of the empirical distribution functions, and the threshold
    /// ε₁ + ε₂ of two DKWM bands each at level 1 − α/2: if both samples come from one distribution, D exceeds the
    /// threshold with probability at most α (union bound over the two bands). Distribution-free.
    /// </summary>
    public static (double Distance, double Threshold) DkwmDistance(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double falseFailRate)
    {
        var a = CdfBand.Dkwm(first, 1 - falseFailRate / 2);
        var b = CdfBand.Dkwm(second, 1 - falseFailRate / 2);
        double distance = 0;
        foreach (double value in first) distance = Math.Max(distance, Math.Abs(a.Empirical(value) - b.Empirical(value)));
        foreach (double value in second) distance = Math.Max(distance, Math.Abs(a.Empirical(value) - b.Empirical(value)));
        return (distance, a.Epsilon + b.Epsilon);
    }
}
