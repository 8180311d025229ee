namespace LocalSgdVerify.Reports.Charts;

/// <summary>Size of the drawing in CSS pixels (the SVG width, height and viewBox).</summary>
/// <param name="Width">Width, between <see cref="MinimumWidth"/> and <see cref="MaximumSide"/>.</param>
/// <param name="Height">Height, between <see cref="MinimumHeight"/> and <see cref="MaximumSide"/>.</param>
public readonly record struct ChartSize(int Width, int Height)
{
    /// <summary>Smallest width at which axis labels, ticks and a legend still fit.</summary>
    public const int MinimumWidth = 240;

    /// <summary>Smallest height at which title, ticks and axis labels still fit.</summary>
    public const int MinimumHeight = 180;

    /// <summary>Largest width or height accepted.</summary>
    public const int MaximumSide = 4000;

    /// <summary>600 × 400: readable when shown 600 px wide in a report.</summary>
    public static ChartSize Default => new(600, 400);
}
