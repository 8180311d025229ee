namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// Where two texts first differ, for the failure message of a golden-file test: "line 42: expected '...' but found
/// '...'". A long line (a figure's data in report.json) is shown from a little before its first differing character.
/// </summary>
public static class TextDifference
{
    private const int Shown = 160, Before = 40;

    /// <summary>Null when the texts are identical, else the first line (counted from 1) where they differ.</summary>
    public static string? First(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        string[] left = expected.Split('\n'), right = actual.Split('\n');
        for (int line = 0; line < Math.Max(left.Length, right.Length); line++)
        {
            string? a = line < left.Length ? left[line].Trim() : null, b = line < right.Length ? right[line].Trim() : null;
            if (a == b) continue;
            int column = 0;
            while (a is not null && b is not null && column < Math.Min(a.Length, b.Length) && a[column] == b[column]) column++;
            return $"line {line + 1}: expected {Excerpt(a, column)} but found {Excerpt(b, column)}";
        }
        return null;
    }

    private static string Excerpt(string? line, int column)
    {
        if (line is null) return "end of file";
        if (line.Length <= Shown) return $"'{line}'";
        int start = Math.Max(0, column - Before);
        return $"'{(start > 0 ? "…" : "")}{line.Substring(start, Math.Min(Shown, line.Length - start))}{(start + Shown < line.Length ? "…" : "")}' (character {column + 1} of {line.Length})";
    }
}
