using LocalSgdVerify.Model;

namespace LocalSgdVerify.Checks.Claims.Haddadpour;

/// <summary>
/// The quantities Haddadpour, Kamani, Mahdavi, Cadambe (NeurIPS 2019) predict about their schedules
/// (claims.md §3–§4, H1–H2): LUPA's round count for τ = ⌊c·(T²/p)^{1/3}⌋, and ADA-LUPA's three sufficient
/// conditions on the periods τ_i [poster]: Σ τ_i = T, Σ τ_i(τ_i − 1) = O(T²), (max τ_i)³ = O(T²/(pB)).
/// </summary>
public static class HaddadpourTheory
{
    /// <summary>
    /// Bounds on LUPA's round count R = ⌈T/τ⌉ with τ = ⌊c·(T²/p)^{1/3}⌋ ≥ 1: because
    /// c(T²/p)^{1/3} − 1 &lt; τ ≤ c(T²/p)^{1/3}, <c>(pT)^{1/3}/c ≤ R &lt; T/(c(T²/p)^{1/3} − 1) + 1</c>
    /// (the upper bound only when c(T²/p)^{1/3} &gt; 1; otherwise τ = 1 and R = T). Both ends are Θ((pT)^{1/3}).
    /// </summary>
    public static (double Lower, double Upper) LupaRoundBounds(int totalSteps, int workers, double scale)
    {
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequirePositive("scale", scale);
        double raw = scale * Math.Cbrt((double)totalSteps * totalSteps / workers);
        double lower = Math.Cbrt((double)workers * totalSteps) / scale;
        if (raw <= 1) return (Math.Min(lower, totalSteps), totalSteps);
        return (lower, totalSteps / (raw - 1) + 1);
    }

    /// <summary>
    /// The periods τ_i = s_i − s_{i−1} (s_0 = 0) of a list of sync steps, and the three sufficient conditions of
    /// ADA-LUPA as numbers: Σ τ_i, the ratio Σ τ_i(τ_i − 1)/T² and the ratio (max τ_i)³·pB/T².
    /// </summary>
    public static PeriodConditions Conditions(IReadOnlyList<int> syncSteps, int totalSteps, int workers, int batchSize)
    {
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequireAtLeast("batch_size", batchSize, 1);
        if (syncSteps.Count == 0) throw new ArgumentException("a schedule has at least the sync at T", nameof(syncSteps));
        long sum = 0, squares = 0, longest = 0;
        int previous = 0;
        var periods = new int[syncSteps.Count];
        for (int i = 0; i < syncSteps.Count; i++)
        {
            int period = syncSteps[i] - previous;
            if (period < 1) throw new ArgumentException($"sync steps must increase strictly; step {syncSteps[i]} follows {previous}", nameof(syncSteps));
            periods[i] = period;
            sum += period;
            squares += (long)period * (period - 1);
            longest = Math.Max(longest, period);
            previous = syncSteps[i];
        }
        double t2 = (double)totalSteps * totalSteps;
        return new PeriodConditions(periods, sum, squares / t2, Math.Pow(longest, 3) * workers * batchSize / t2, (int)longest);
    }

    /// <summary>
    /// ADA-LUPA's target round count for a horizon, chosen so that the third condition holds with a constant:
    /// E = ⌈c_E·(pT)^{1/3}⌉. With E rounds the linear rule's longest period is about 2T/E, so
    /// (max τ)³·pB/T² ≲ 8B/c_E³ whatever T (see <see cref="LinearRuleThirdConditionConstant"/>).
    /// </summary>
    public static int AdaLupaRounds(int totalSteps, int workers, double roundScale)
    {
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequirePositive("round_scale", roundScale);
        return (int)Math.Max(1, Math.Ceiling(roundScale * Math.Cbrt((double)workers * totalSteps)));
    }

    /// <summary>
    /// Upper bound on the linear rule's longest period at horizon T with E = ⌈c_E (pT)^{1/3}⌉ target rounds:
    /// the rule τ_i = round((1 + iα)τ0), α = 2T/((E+1)Eτ0), reaches T within E + 1 rounds (their unrounded sum is
    /// (E+1)τ0 + T, and rounding loses at most ½ per round while τ0 ≥ 1), so
    /// max τ ≤ τ0 + Eατ0 + ½ &lt; τ0 + 1 + 2T/E ≤ τ0 + 1 + 2T^{2/3}/(c_E p^{1/3}).
    /// </summary>
    public static double LinearRuleLongestPeriodBound(int totalSteps, int workers, int initialPeriod, double roundScale)
    {
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequireAtLeast("initial_period", initialPeriod, 1);
        ProblemParameterException.RequirePositive("round_scale", roundScale);
        return initialPeriod + 1 + 2.0 * totalSteps / (roundScale * Math.Cbrt((double)workers * totalSteps));
    }

    /// <summary>
    /// A priori constant of the second condition for the linear rule: Σ τ_i(τ_i − 1) ≤ max τ·Σ τ_i = max τ·T, so
    /// Σ τ_i(τ_i − 1)/T² ≤ <see cref="LinearRuleLongestPeriodBound"/>/T, which decreases in T: its value at T0
    /// bounds the ratio at every T ≥ T0.
    /// </summary>
    public static double LinearRuleSecondConditionConstant(int totalSteps, int workers, int initialPeriod, double roundScale)
        => LinearRuleLongestPeriodBound(totalSteps, workers, initialPeriod, roundScale) / totalSteps;

    /// <summary>
    /// A priori constant of the third condition for the linear rule: (max τ)³pB/T² ≤
    /// (τ0 + 1 + 2T^{2/3}/(c_E p^{1/3}))³·pB/T² = ((τ0 + 1)T^{−2/3} + 2/(c_E p^{1/3}))³·pB, which decreases in T to
    /// 8B/c_E³: its value at T0 bounds the ratio at every T ≥ T0.
    /// </summary>
    public static double LinearRuleThirdConditionConstant(int totalSteps, int workers, int batchSize, int initialPeriod, double roundScale)
    {
        ProblemParameterException.RequireAtLeast("batch_size", batchSize, 1);
        double longest = LinearRuleLongestPeriodBound(totalSteps, workers, initialPeriod, roundScale);
        return Math.Pow(longest, 3) * workers * batchSize / ((double)totalSteps * totalSteps);
    }
}

/// <summary>
/// The periods of one schedule and ADA-LUPA's three sufficient conditions as numbers (Haddadpour et al., NeurIPS
/// 2019 [poster]): <see cref="SumOfPeriods"/> must equal T; <see cref="SquaresRatio"/> = Σ τ_i(τ_i − 1)/T² and
/// <see cref="LongestRatio"/> = (max τ_i)³·pB/T² must stay bounded as T grows.
/// </summary>
/// <param name="Periods">τ_i in order.</param>
/// <param name="SumOfPeriods">Σ τ_i.</param>
/// <param name="SquaresRatio">Σ τ_i(τ_i − 1)/T² (at most (T − 1)/T for any partition of T, so bounded by 1 always).</param>
/// <param name="LongestRatio">(max τ_i)³·p·B/T².</param>
/// <param name="Longest">max τ_i.</param>
public sealed record PeriodConditions(IReadOnlyList<int> Periods, long SumOfPeriods, double SquaresRatio, double LongestRatio, int Longest);
