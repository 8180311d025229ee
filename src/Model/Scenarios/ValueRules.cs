
namespace LocalSgdVerify.Model.Scenarios;

/// <summary>What a real-valued field accepts, with the phrase used in error messages ("a finite number &gt; 0").</summary>
public sealed record NumberRule(string Description, Func<double, bool> Accepts)
{
    /// <summary>Inclusive lower bound, for the schema (null: none, or one that depends on other fields).</summary>
    public double? Minimum { get; init; }

    /// <summary>Exclusive lower bound, for the schema.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>Inclusive upper bound, for the schema.</summary>
    public double? Maximum { get; init; }

    /// <summary>Exclusive upper bound, for the schema.</summary>
    public double? ExclusiveMaximum { get; init; }

    /// <summary>Any finite number.</summary>
    public static NumberRule Finite { get; } = new("a finite number", double.IsFinite);

    /// <summary>A finite number &gt; 0 (step sizes, curvatures, scales).</summary>
    public static NumberRule Positive { get; } = new("a finite number > 0", value => double.IsFinite(value) && value > 0) { ExclusiveMinimum = 0 };

    /// <summary>A finite number ≥ 0 (noise levels).</summary>
    public static NumberRule NonNegative { get; } = new("a finite number >= 0", value => double.IsFinite(value) && value >= 0) { Minimum = 0 };

    /// <summary>A number in the closed interval [low, high].</summary>
    public static NumberRule Between(double low, double high)
        => new($"a number in [{NumberText.RoundTrip(low)}, {NumberText.RoundTrip(high)}]", value => double.IsFinite(value) && value >= low && value <= high) { Minimum = low, Maximum = high };

    /// <summary>A number in the open interval (low, high).</summary>
    public static NumberRule StrictlyBetween(double low, double high)
        => new($"a number in ({NumberText.RoundTrip(low)}, {NumberText.RoundTrip(high)})", value => double.IsFinite(value) && value > low && value < high) { ExclusiveMinimum = low, ExclusiveMaximum = high };
}

/// <summary>What an integer field accepts: an inclusive range and an optional reason shown after it.</summary>
public sealed record IntegerRule(long Minimum, long Maximum, string? Note = null)
{
    /// <summary>An integer ≥ minimum (up to the largest 32-bit integer).</summary>
    public static IntegerRule AtLeast(long minimum, string? note = null) => new(minimum, int.MaxValue, note);

    /// <summary>"an integer in 1..1000 (rounds may not exceed steps)".</summary>
    public string Description
    {
        get
        {
            string range = Maximum >= int.MaxValue
                ? $"an integer >= {NumberText.Integer(Minimum)}"
                : $"an integer in {NumberText.Integer(Minimum)}..{NumberText.Integer(Maximum)}";
            return Note is null ? range : $"{range} ({Note})";
        }
    }

    /// <summary>"an integer in 1..2147483647": the range with both ends, for a value beyond the upper one.</summary>
    public string RangeDescription
    {
        get
        {
            string range = $"an integer in {NumberText.Integer(Minimum)}..{NumberText.Integer(Maximum)}";
            return Note is null ? range : $"{range} ({Note})";
        }
    }

    /// <summary>True when minimum ≤ value ≤ maximum.</summary>
    public bool Accepts(long value) => value >= Minimum && value <= Maximum;
}
