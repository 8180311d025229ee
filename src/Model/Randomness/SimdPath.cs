using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>Which implementation fills batches of normals; all give identical bits, they differ only in speed.</summary>
internal enum SimdPath
{
    /// <summary>One block at a time through <see cref="Philox4x32.Generate"/> and <see cref="NormalPairs.FromBlock"/>.</summary>
    Scalar,

    /// <summary>Four blocks per step with AVX2 and FMA.</summary>
    Vector256,

    /// <summary>Eight blocks per step with AVX-512F and AVX-512DQ.</summary>
    Vector512,
}

/// <summary>Which <see cref="SimdPath"/> values this machine can run, and the fastest of them.</summary>
internal static class SimdPaths
{
    /// <summary>True when the instructions <paramref name="path"/> needs are present.</summary>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Scalar => true,
        SimdPath.Vector256 => Avx2.IsSupported && Fma.IsSupported,
        SimdPath.Vector512 => Avx512F.IsSupported && Avx512DQ.IsSupported,
        _ => false,
    };

    /// <summary>The widest supported path; used by the public fill methods.</summary>
    public static readonly SimdPath Best =
        IsSupported(SimdPath.Vector512) ? SimdPath.Vector512
        : IsSupported(SimdPath.Vector256) ? SimdPath.Vector256
        : SimdPath.Scalar;
}
