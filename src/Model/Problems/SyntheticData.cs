using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Deterministic synthetic data for the generated problems: every number is drawn from
/// <c>CounterBasedRandom(dataSeed, NoiseStreams.DataGeneration)</c> at the address (0, purpose, row) and index
/// column, so a problem is a pure function of its parameters and two purposes (design, labels, …) never share
/// a draw. The run's noise uses other streams, so changing the run seed never changes the data.
/// </summary>
internal static class SyntheticData
{
    /// <summary>One standard normal draw for (purpose, row, column).</summary>
    public static double Normal(ulong dataSeed, int purpose, int row, int column)
        => new CounterBasedRandom(dataSeed, NoiseStreams.DataGeneration).Normal(new NoiseAddress(0, purpose, row), column);

    /// <summary>One uniform [0, 1) draw for (purpose, row, column).</summary>
    public static double Uniform(ulong dataSeed, int purpose, int row, int column)
        => new CounterBasedRandom(dataSeed, NoiseStreams.DataGeneration).Uniform(new NoiseAddress(0, purpose, row), column);

    /// <summary>A rows × columns matrix of standard normals, row-major.</summary>
    public static double[] GaussianMatrix(ulong dataSeed, int purpose, int rows, int columns)
    {
        var random = new CounterBasedRandom(dataSeed, NoiseStreams.DataGeneration);
        var values = new double[(long)rows * columns];
        for (int i = 0; i < rows; i++)
            random.FillNormals(new NoiseAddress(0, purpose, i), values.AsSpan(i * columns, columns));
        return values;
    }

    /// <summary>A vector of standard normals (row 0 of the purpose).</summary>
    public static double[] GaussianVector(ulong dataSeed, int purpose, int length) => GaussianMatrix(dataSeed, purpose, 1, length);
}
