using System.Collections.Immutable;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>A named list of values over an x grid shared with other curves, e.g. the speed-up of one schedule at
/// each worker count. The values are copied, so the curve never changes after it is built.</summary>
public sealed record NamedValues
{
    /// <summary>Copies <paramref name="values"/>.</summary>
    public NamedValues(string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        Values = [.. values];
    }

    /// <summary>Legend name.</summary>
    public string Name { get; init; }

    /// <summary>One value per x grid point; NaN where there is none.</summary>
    public ImmutableArray<double> Values { get; init; }
}
