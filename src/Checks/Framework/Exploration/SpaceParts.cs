using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// Building blocks of assumption spaces: generators over grids of round numbers and the matching shrinkers, which
/// move a value toward a preferred one (small N, T, d; the paper's constants) through the grid's own values, so a
/// shrunk configuration reads in round numbers.
/// </summary>
public static class SpaceParts
{
    /// <summary>One of the grid's values, uniformly.</summary>
    public static Gen<double> Grid(params double[] values) => Gen.Elements(values);

    /// <summary>One of the grid's values, uniformly.</summary>
    public static Gen<int> Grid(params int[] values) => Gen.Elements(values);

    /// <summary>
    /// The grid values strictly between <paramref name="target"/> and <paramref name="value"/> (both ends: the target
    /// itself first), nearest to the target first: the candidates a shrinker tries for one coordinate.
    /// </summary>
    public static IEnumerable<double> Toward(double value, double target, IReadOnlyList<double> grid)
    {
        if (value == target) yield break;
        double low = Math.Min(value, target), high = Math.Max(value, target);
        foreach (double candidate in grid.Where(g => g >= low && g <= high && g != value).OrderBy(g => Math.Abs(g - target)))
            yield return candidate;
    }

    /// <summary>The integers a shrinker tries for <paramref name="value"/> ≥ <paramref name="minimum"/>: the minimum, then halving the distance to it.</summary>
    public static IEnumerable<int> Toward(int value, int minimum)
    {
        if (value <= minimum) yield break;
        yield return minimum;
        var seen = new HashSet<int> { minimum };
        for (long distance = (value - (long)minimum) / 2; distance > 0; distance /= 2)
        {
            int candidate = (int)(value - distance);
            if (seen.Add(candidate) && candidate < value) yield return candidate;
        }
    }
}
