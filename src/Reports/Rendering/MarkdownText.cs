using System.Text;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// Markdown building blocks that keep any claim text literal: inline escaping of the characters GitHub-flavoured
/// Markdown gives meaning to, and tables whose every row has the header's number of cells (pipes in cells escaped,
/// line breaks folded to spaces).
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_<>|~#&";

    /// <summary>
    /// Text with line breaks folded to spaces and the GFM special characters backslash-escaped: \ ` * _ &lt; &gt; | ~ #
    /// &amp; always, and ']' where it would close a link or image ("](", "][", "]:"). Plain brackets such as an
    /// interval [0.9, 1.1] stay readable: without a closing "](" they never form a link, and the report never
    /// writes link definitions.
    /// </summary>
    public static string Escape(string text)
    {
        string flat = Flatten(text);
        var builder = new StringBuilder(flat.Length + 8);
        for (int index = 0; index < flat.Length; index++)
        {
            char c = flat[index];
            bool closesLink = c == ']' && index + 1 < flat.Length && flat[index + 1] is '(' or '[' or ':';
            if (Special.Contains(c) || closesLink) builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Text as an inline code span (for ids and paths), with a fence longer than any backtick run inside.</summary>
    public static string Code(string text)
    {
        string flat = Flatten(text);
        int longest = 0, run = 0;
        foreach (char c in flat) { run = c == '`' ? run + 1 : 0; longest = Math.Max(longest, run); }
        string fence = new('`', longest + 1);
        string padding = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        // A pipe would still split a table cell even inside a code span in GFM.
        return fence + padding + flat.Replace("|", "\\|", StringComparison.Ordinal) + padding + fence;
    }

    /// <summary>
    /// A table: header row, delimiter row and one row per entry, each with exactly <paramref name="header"/>.Count
    /// cells. Cells are written as given (escape them first); stray line breaks are folded and empty cells get a
    /// space.
    /// </summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<bool>? rightAligned = null)
    {
        var builder = new StringBuilder();
        builder.Append(Row(header));
        builder.Append('|');
        for (int column = 0; column < header.Count; column++)
            builder.Append(rightAligned is not null && rightAligned[column] ? " ---: |" : " --- |");
        builder.Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"a Markdown table row has {row.Count} cells but the header has {header.Count}", nameof(rows));
            builder.Append(Row(row));
        }
        return builder.ToString();
    }

    private static string Row(IReadOnlyList<string> cells)
    {
        var builder = new StringBuilder("|");
        foreach (string cell in cells)
        {
            string flat = Flatten(cell).Trim();
            builder.Append(' ').Append(flat.Length == 0 ? " " : flat).Append(" |");
        }
        return builder.Append('\n').ToString();
    }

    private static string Flatten(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
