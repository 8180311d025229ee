namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// The units measured so far: per key the rows of the replicates computed (any subset of replicates) and per key the
/// exact values. A store keeps one; a shard file holds one; a merge joins the shards' tables.
/// </summary>
public sealed class MeasurementTable
{
    private readonly Dictionary<string, List<double[]?>> replicates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> values = new(StringComparer.Ordinal);

    /// <summary>Keys with at least one replicate row, in ordinal order.</summary>
    public IReadOnlyList<string> ReplicateKeys => replicates.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Keys with values, in ordinal order.</summary>
    public IReadOnlyList<string> ValueKeys => values.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Replicate rows held, over every key.</summary>
    public long ReplicateCount => replicates.Values.Sum(rows => (long)rows.Count(row => row is not null));

    /// <summary>Replicate r's row under <paramref name="key"/>, or null when it has not been measured.</summary>
    public double[]? Row(string key, int replicate) =>
        replicates.TryGetValue(key, out var rows) && replicate < rows.Count ? rows[replicate] : null;

    /// <summary>The width of some row held under <paramref name="key"/>, or null when none is.</summary>
    public int? SomeRowWidth(string key) =>
        replicates.TryGetValue(key, out var rows) ? rows.FirstOrDefault(row => row is not null)?.Length : null;

    /// <summary>Stores the rows of replicates first..first + rows.Length − 1; a row already held must have the same bits.</summary>
    public void SetRows(string key, int first, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (!replicates.TryGetValue(key, out var held)) replicates[key] = held = [];
        while (held.Count < first + rows.Count) held.Add(null);
        for (int index = 0; index < rows.Count; index++)
        {
            var row = rows[index] ?? throw new ArgumentException($"measurement '{key}': replicate {first + index} has no row", nameof(rows));
            if (held[first + index] is { } existing && !SameBits(existing, row))
                throw new MeasurementConflictException($"measurement '{key}': replicate {first + index} is held twice with different values");
            held[first + index] = row;
        }
    }

    /// <summary>The values under <paramref name="key"/>, or null when they have not been computed.</summary>
    public double[]? Values(string key) => values.GetValueOrDefault(key);

    /// <summary>Stores the values under <paramref name="key"/>; values already held must have the same bits.</summary>
    public void SetValues(string key, double[] computed)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(computed);
        if (values.TryGetValue(key, out var existing) && !SameBits(existing, computed))
            throw new MeasurementConflictException($"measurement '{key}' is held twice with different values");
        values[key] = computed;
    }

    /// <summary>The contiguous runs of replicates held under <paramref name="key"/>, in order: (first replicate, rows).</summary>
    public IEnumerable<(int First, double[][] Rows)> Runs(string key)
    {
        if (!replicates.TryGetValue(key, out var rows)) yield break;
        int index = 0;
        while (index < rows.Count)
        {
            if (rows[index] is null) { index++; continue; }
            int first = index;
            while (index < rows.Count && rows[index] is not null) index++;
            yield return (first, rows.GetRange(first, index - first).Select(row => row!).ToArray());
        }
    }

    /// <summary>Adds every unit of <paramref name="other"/> (a unit both hold must have the same bits in both).</summary>
    public void Add(MeasurementTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (string key in other.ReplicateKeys)
            foreach (var (first, rows) in other.Runs(key)) SetRows(key, first, rows);
        foreach (string key in other.ValueKeys) SetValues(key, other.values[key]);
    }

    /// <summary>Drops every unit whose key starts with <paramref name="prefix"/> (a finished claim's units).</summary>
    public void Remove(string prefix)
    {
        foreach (string key in replicates.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) replicates.Remove(key);
        foreach (string key in values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) values.Remove(key);
    }

    // Bit for bit: 0.0 and −0.0 differ, and a NaN equals only a NaN with the same payload.
    private static bool SameBits(double[] first, double[] second)
    {
        if (first.Length != second.Length) return false;
        for (int index = 0; index < first.Length; index++)
            if (BitConverter.DoubleToInt64Bits(first[index]) != BitConverter.DoubleToInt64Bits(second[index])) return false;
        return true;
    }
}

/// <summary>One unit of work held twice with different values: shards of different runs, or a corrupted file.</summary>
public sealed class MeasurementConflictException(string message) : Exception(message);
