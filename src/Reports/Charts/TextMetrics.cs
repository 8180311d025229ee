namespace LocalSgdVerify.Reports.Charts;

/// <summary>Text cleaning and width estimates used for layout.</summary>
/// <remarks>Widths are estimated, not measured (no font engine here): 0.62 em per character is about the advance
/// of digits and lower-case letters in DejaVu Sans and a little over Arial's, so estimates err towards more
/// room. Being a pure function of the text keeps layout deterministic.</remarks>
internal static class TextMetrics
{
    private const double EmPerCharacter = 0.62;

    /// <summary>Estimated rendered width in pixels.</summary>
    public static double Width(string text, double fontSize) => text.Length * fontSize * EmPerCharacter;

    /// <summary>
    /// The text broken into lines whose estimated width fits <paramref name="maximumWidth"/>: at spaces where it can,
    /// inside a word only when the word alone is wider than a line. Nothing is dropped, so nothing needs an ellipsis.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double maximumWidth)
    {
        int perLine = Math.Max(4, (int)Math.Floor(maximumWidth / (fontSize * EmPerCharacter)));
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string remaining = word;
            while (remaining.Length > perLine)
            {
                if (current.Length > 0) { lines.Add(current); current = ""; }
                int cut = perLine;
                if (char.IsHighSurrogate(remaining[cut - 1])) cut--;
                lines.Add(remaining[..cut]);
                remaining = remaining[cut..];
            }
            string joined = current.Length == 0 ? remaining : current + " " + remaining;
            if (joined.Length <= perLine) { current = joined; continue; }
            lines.Add(current);
            current = remaining;
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }

    /// <summary>Text safe for XML 1.0: characters XML forbids (control characters, lone surrogates) become U+FFFD,
    /// line breaks and tabs become spaces so every label stays on one line; null becomes "".</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : XmlOutput.Safe(text).Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
