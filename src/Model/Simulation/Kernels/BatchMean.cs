using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// s/B for a batch sum s, with the bits of the oracle's division: B = 1 leaves s as it is (s/1 = s exactly), a power of
/// two multiplies by 2^−k (s/2^k and s·2^−k are the same real number, so they round alike), any other B divides.
/// </summary>
internal readonly struct BatchMean(int batch)
{
    private readonly bool divide = !BitOperations.IsPow2(batch);
    private readonly Vector512<double> factor = Vector512.Create(BitOperations.IsPow2(batch) ? 1.0 / batch : batch);

    /// <summary>s/B in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Of(Vector512<double> sum) => divide ? sum / factor : sum * factor;
}
