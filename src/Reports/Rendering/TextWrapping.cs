using System.Globalization;
using System.Text;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// Plain text laid out for a terminal of a given width: the width of text in terminal columns (one per text element, so
/// "x̄" written as x and a combining bar takes one), padding by that width, and greedy word wrapping with indents. Control
/// characters and line breaks inside a value become spaces, so one value never breaks the layout of a table.
/// </summary>
public static class TextWrapping
{
    /// <summary>The columns <paramref name="text"/> takes: its text elements (grapheme clusters).</summary>
    public static int DisplayWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StringInfo(text).LengthInTextElements;
    }

    /// <summary><paramref name="text"/> followed by spaces up to <paramref name="width"/> columns.</summary>
    public static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - DisplayWidth(text)));

    /// <summary><paramref name="text"/> on one line: every control character (line breaks, tabs) becomes a space.</summary>
    public static string Flatten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = new StringBuilder(text.Length);
        foreach (char c in text) flat.Append(char.IsControl(c) ? ' ' : c);
        return flat.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> (flattened) in lines of at most <paramref name="width"/> columns: the first starts with
    /// <paramref name="firstIndent"/> spaces, the rest with <paramref name="restIndent"/>. Words are kept whole where they
    /// fit; a word longer than a line is cut at the line's end. Lines carry no trailing spaces; empty text gives one
    /// line of its indent, trimmed.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width, int firstIndent = 0, int restIndent = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width < 1 || firstIndent >= width || restIndent >= width)
            throw new ArgumentOutOfRangeException(nameof(width), $"width {width} leaves no room after the indents {firstIndent} and {restIndent}");
        var lines = new List<string>();
        var line = new StringBuilder(new string(' ', firstIndent));
        int used = firstIndent;
        bool lineHasWord = false;
        void Break()
        {
            lines.Add(line.ToString().TrimEnd());
            line.Clear().Append(' ', restIndent);
            used = restIndent;
            lineHasWord = false;
        }
        foreach (string word in Flatten(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var elements = TextElements(word);
            int needed = elements.Count + (lineHasWord ? 1 : 0);
            if (used + needed > width && lineHasWord) Break();
            if (lineHasWord) { line.Append(' '); used++; }
            foreach (string element in elements)
            {
                // Only a word longer than a whole line gets here with a full line: cut it.
                if (used == width) Break();
                line.Append(element);
                used++;
                lineHasWord = true;
            }
        }
        lines.Add(line.ToString().TrimEnd());
        return lines;
    }

    private static List<string> TextElements(string word)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(word);
        while (enumerator.MoveNext()) elements.Add(enumerator.GetTextElement());
        return elements;
    }
}
