namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Stream ids that keep the purposes of randomness apart. Two purposes that share a stream id and an address
/// read the same Philox block and would be dependent; distinct ids give unrelated keys.
/// </summary>
public static class NoiseStreams
{
    /// <summary>Additive gradient noise ξ (the s_k of the separable model, the Gaussian noise of the dense one).</summary>
    public const uint GradientNoise = 1;

    /// <summary>Multiplicative gradient noise z_k of the separable quadratic model, g_k = a_k x_k (1 + z_k) + s_k.</summary>
    public const uint MultiplicativeNoise = 2;

    /// <summary>Sampling of rows (least squares with random design, mini-batches).</summary>
    public const uint RowSampling = 3;

    /// <summary>Generation of problem data (design matrices, spectra, labels).</summary>
    public const uint DataGeneration = 4;
}
