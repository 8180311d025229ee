using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>Generators of finite samples built from integers (the default double generator yields NaN and ±∞).</summary>
internal static class Samples
{
    /// <summary>A value k/8 with k in [−4000, 4000]: finite, with ties and varied signs.</summary>
    internal static Gen<double> Value => Gen.Choose(-4000, 4000).Select(k => k / 8.0);

    /// <summary>A value in [0, 1] on a grid of 1/1000.</summary>
    internal static Gen<double> UnitValue => Gen.Choose(0, 1000).Select(k => k / 1000.0);

    /// <summary>A positive value in [0.5, 100.5].</summary>
    internal static Gen<double> PositiveValue => Gen.Choose(0, 1000).Select(k => 0.5 + k / 10.0);

    /// <summary>Arrays of <paramref name="element"/> with length in [minimum, maximum].</summary>
    internal static Gen<double[]> ArrayOf(Gen<double> element, int minimum, int maximum) =>
        Gen.Choose(minimum, maximum).SelectMany(length => Gen.ArrayOf(element, length));

    /// <summary>A sample of 2–60 values that is not constant (so its variance is positive).</summary>
    internal static Gen<double[]> VaryingSample =>
        ArrayOf(Value, 2, 60).Where(values => values.Distinct().Count() > 1);

    /// <summary>A level from {0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1 − 1e-6}.</summary>
    internal static Gen<double> Level => Gen.Elements(0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1 - 1e-6);

    /// <summary>Three independent generators as one generator of triples.</summary>
    internal static Gen<(T1, T2, T3)> Zip3<T1, T2, T3>(Gen<T1> first, Gen<T2> second, Gen<T3> third) =>
        from a in first
        from b in second
        from c in third
        select (a, b, c);

    /// <summary>A permutation of <paramref name="values"/>.</summary>
    internal static Gen<double[]> Permutation(double[] values) => Gen.Shuffle(values);
}
