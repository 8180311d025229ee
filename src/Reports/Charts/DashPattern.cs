namespace LocalSgdVerify.Reports.Charts;

/// <summary>Stroke pattern of a line.</summary>
public enum DashPattern
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Long dashes (SVG dash array "6 4").</summary>
    Dashed,

    /// <summary>Dots (dash array "1.5 3" with round caps).</summary>
    Dotted,

    /// <summary>Dash and dot alternating (dash array "8 3 1.5 3").</summary>
    DashDot,
}
