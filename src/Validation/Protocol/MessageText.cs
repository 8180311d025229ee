using System.Globalization;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>Shortens raw output for error messages so a 16 MiB line never ends up in a log.</summary>
public static class MessageText
{
    /// <summary>Characters of a line quoted in error messages.</summary>
    public const int ExcerptLength = 160;

    /// <summary>The first <see cref="ExcerptLength"/> characters of <paramref name="line"/>, quoted, with the full length when truncated.</summary>
    public static string Excerpt(string line)
    {
        var visible = line.Length <= ExcerptLength ? line : line[..ExcerptLength];
        var escaped = visible.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return line.Length <= ExcerptLength
            ? $"«{escaped}»"
            : $"«{escaped}…» ({line.Length.ToString(CultureInfo.InvariantCulture)} characters in all)";
    }
}
