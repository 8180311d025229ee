using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Tests.Exact;

/// <summary>Generators of schedules and scenarios for the exact-engine properties.</summary>
internal static class ExactTestSupport
{
    /// <summary>A horizon T in 1..maxSteps and a random set of sync steps (each step synced with a random probability; T sometimes included).</summary>
    public static Gen<(int Steps, int[] Sync)> Schedules(int maxSteps)
        => Gen.Choose(1, maxSteps).SelectMany(steps =>
            Gen.Choose(0, 100).SelectMany(percent =>
                Gen.Choose(0, 99).ArrayOf(steps).Select(draws =>
                    (steps, Enumerable.Range(1, steps).Where(s => draws[s - 1] < percent || (s == steps && percent % 2 == 0)).ToArray()))));

    /// <summary>A value in [low, high] on a grid of 1000 steps.</summary>
    public static Gen<double> Between(double low, double high) => Gen.Choose(0, 1000).Select(i => low + (high - low) * i / 1000.0);

    /// <summary>|expected − actual| ≤ tolerance·|expected| (or ≤ tolerance when expected is 0).</summary>
    public static bool RelativelyClose(double expected, double actual, double tolerance)
        => Math.Abs(expected - actual) <= tolerance * (expected == 0 ? 1 : Math.Abs(expected));

    public static string Show(IEnumerable<int> steps) => "[" + string.Join(",", steps) + "]";
}
