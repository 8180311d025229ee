namespace LocalSgdVerify.Reports.Charts;

/// <summary>The one definition of an acceptable axis range, shared by validation and the scale.</summary>
internal static class AxisRangeRules
{
    /// <summary>Smallest accepted span relative to the larger end's magnitude; narrower ranges cannot get
    /// distinguishable tick labels.</summary>
    public const double MinimumRelativeSpan = 1e-9;

    /// <summary>Null when [minimum, maximum] is usable on the scale, else what is wrong with it.</summary>
    public static string? Describe(ScaleKind kind, double minimum, double maximum)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum))
        {
            return "both ends must be finite";
        }

        if (!(minimum < maximum))
        {
            return "Minimum must be less than Maximum";
        }

        if (kind == ScaleKind.Log10 && minimum <= 0)
        {
            return "a Log10 axis needs Minimum > 0";
        }

        double span = kind == ScaleKind.Linear ? maximum - minimum : Math.Log10(maximum) - Math.Log10(minimum);
        double magnitude = kind == ScaleKind.Linear
            ? Math.Max(Math.Abs(minimum), Math.Abs(maximum))
            : Math.Max(1, Math.Max(Math.Abs(Math.Log10(minimum)), Math.Abs(Math.Log10(maximum))));
        if (!double.IsFinite(span))
        {
            return "Maximum − Minimum overflows";
        }

        if (span <= MinimumRelativeSpan * magnitude)
        {
            return $"the span must exceed {MinimumRelativeSpan} relative to the ends' magnitude";
        }

        return null;
    }
}
