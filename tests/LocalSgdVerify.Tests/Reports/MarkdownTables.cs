using System.Text.RegularExpressions;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Finds the GFM tables of a Markdown text and checks their shape the way GitHub parses them.</summary>
internal static partial class MarkdownTables
{
    /// <summary>Each table as its rows of raw cells (header first, delimiter row dropped), with the line number of its header.</summary>
    public static List<(int Line, List<List<string>> Rows)> Find(string markdown)
    {
        var tables = new List<(int, List<List<string>>)>();
        string[] lines = markdown.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            if (!lines[index].StartsWith('|')) continue;
            int start = index;
            var block = new List<string>();
            while (index < lines.Length && lines[index].StartsWith('|')) block.Add(lines[index++]);
            tables.Add((start + 1, block.Where((_, i) => i != 1).Select(Cells).ToList()));
            if (block.Count < 2 || !Delimiter().IsMatch(block[1]))
                throw new FormatException($"table at line {start + 1} has no delimiter row: '{(block.Count > 1 ? block[1] : "")}'");
            int columns = Cells(block[0]).Count;
            if (Cells(block[1]).Count != columns) throw new FormatException($"table at line {start + 1}: delimiter row has {Cells(block[1]).Count} cells, header {columns}");
            for (int row = 2; row < block.Count; row++)
            {
                int count = Cells(block[row]).Count;
                if (count != columns) throw new FormatException($"table at line {start + 1}, row {row + 1} has {count} cells, header {columns}: '{block[row]}'");
            }
        }
        return tables;
    }

    /// <summary>The cells of a row "| a | b |": split at pipes not escaped by a backslash.</summary>
    public static List<string> Cells(string row)
    {
        if (!row.StartsWith('|') || !row.EndsWith('|') || row.EndsWith("\\|", StringComparison.Ordinal) && !row.EndsWith("\\\\|", StringComparison.Ordinal))
            throw new FormatException($"row does not start and end with an unescaped pipe: '{row}'");
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (int index = 1; index < row.Length; index++)
        {
            char c = row[index];
            if (c == '\\' && index + 1 < row.Length) { current.Append(c).Append(row[index + 1]); index++; continue; }
            if (c == '|') { cells.Add(current.ToString().Trim()); current.Clear(); continue; }
            current.Append(c);
        }
        return cells;
    }

    [GeneratedRegex(@"^\|( :?-{3,}:? \|)+$")]
    private static partial Regex Delimiter();
}
