namespace LocalSgdVerify.Reports.Charts;

/// <summary>Fixed colour-blind-safe colours and marker shapes assigned to series by index.</summary>
/// <remarks>Colours are the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008) without its yellow,
/// which is too faint on white. Order puts the most distinct pairs first: blue, vermillion, bluish green, reddish
/// purple, orange, sky blue, black. Index k uses colour k mod 7 and marker k mod 5, so the first 35 series differ
/// in at least one of the two.</remarks>
public static class ChartPalette
{
    private static readonly string[] Colors =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    private static readonly MarkerShape[] Markers =
        [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Triangle, MarkerShape.Diamond, MarkerShape.Cross];

    /// <summary>Colour of reference lines (predictions, ideal lines): a neutral dark grey that no series uses.</summary>
    public const string ReferenceColor = "#444444";

    /// <summary>Colour "#rrggbb" of the series with the given zero-based index.</summary>
    public static string ColorAt(int index) => Colors[Modulo(index, Colors.Length)];

    /// <summary>Marker shape of the series with the given zero-based index.</summary>
    public static MarkerShape MarkerAt(int index) => Markers[Modulo(index, Markers.Length)];

    private static int Modulo(int value, int divisor) => ((value % divisor) + divisor) % divisor;
}
