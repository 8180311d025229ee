namespace LocalSgdVerify.Reports.Charts;

/// <summary>Text cleaning and width estimates used for layout.</summary>
/// <remarks>Widths are estimated, not measured (no font engine here): 0.62 em per character is about the advance
/// of digits and lower-case letters in DejaVu Sans and a little over Arial's, so estimates err towards more
/// room. Being a pure function of the text keeps layout deterministic.</remarks>
internal static class TextMetrics
{
    private const double EmPerCharacter = 0.62;
    private const string Ellipsis = "…";

    /// <summary>Estimated rendered width in pixels.</summary>
    public static double Width(string text, double fontSize) => text.Length * fontSize * EmPerCharacter;

    /// <summary>The text, or its longest prefix plus "…" whose estimated width fits <paramref name="maximumWidth"/>.</summary>
    public static string Fit(string text, double fontSize, double maximumWidth)
    {
        if (Width(text, fontSize) <= maximumWidth)
        {
            return text;
        }

        int keep = Math.Max(0, (int)Math.Floor(maximumWidth / (fontSize * EmPerCharacter)) - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + Ellipsis;
    }

    /// <summary>Text safe for XML 1.0: characters XML forbids (control characters, lone surrogates) become U+FFFD,
    /// line breaks and tabs become spaces so every label stays on one line; null becomes "".</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : XmlOutput.Safe(text).Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
