namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>Checks that a compute function returned what its request declared (a programming error otherwise).</summary>
public static class MeasurementShape
{
    /// <summary>Throws unless <paramref name="rows"/> holds <paramref name="count"/> rows (one per replicate).</summary>
    public static void Require(string key, double[][] rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length != count || rows.Any(row => row is null))
            throw new InvalidOperationException($"measurement '{key}' returned {rows.Length} rows, expected {count} (one per replicate)");
    }
}
