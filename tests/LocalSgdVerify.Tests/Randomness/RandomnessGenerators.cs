using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>FsCheck generators for seeds, streams and addresses, mixing small values with values near the top of their range.</summary>
internal static class RandomnessGenerators
{
    public static readonly Gen<ulong> Seed =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    public static readonly Gen<uint> Stream =
        Gen.Frequency((3, Gen.Choose(0, 8).Select(s => (uint)s)), (1, Gen.Choose(int.MinValue, int.MaxValue).Select(s => (uint)s)));

    /// <summary>A non-negative int, mostly small (so neighbouring addresses are hit) but sometimes near int.MaxValue.</summary>
    public static readonly Gen<int> Coordinate =
        Gen.Frequency((4, Gen.Choose(0, 50)), (1, Gen.Choose(0, int.MaxValue)), (1, Gen.Choose(int.MaxValue - 20, int.MaxValue)));

    public static readonly Gen<NoiseAddress> Address =
        from replicate in Coordinate
        from worker in Coordinate
        from step in Coordinate
        select new NoiseAddress(replicate, worker, step);

    /// <summary>Lengths 0, 1, odd, and not multiples of 4 or 8 lanes, up to a few vector iterations.</summary>
    public static readonly Gen<int> Length =
        Gen.Frequency((1, Gen.Elements(0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33)), (3, Gen.Choose(0, 120)), (1, Gen.Choose(120, 600)));

    public static readonly Gen<CounterBasedRandom> Random =
        from seed in Seed
        from stream in Stream
        select new CounterBasedRandom(seed, stream);

    public static IEnumerable<SimdPath> SupportedPaths() =>
        Enum.GetValues<SimdPath>().Where(SimdPaths.IsSupported);
}
