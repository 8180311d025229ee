using System.Text;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Finds bare NaN / Infinity tokens outside JSON strings. JSON has no such literals, but Python's json.dumps writes
/// them (NaN, Infinity, -Infinity) and C-style printers write nan/inf; the codec uses this to turn an otherwise
/// unhelpful parse error into <see cref="NonFiniteValue"/> naming the field and index.
/// </summary>
internal static class NonFiniteTokenScanner
{
    /// <summary>Prefix of the parsed placeholder string that replaces each bare token; a control character no real field value starts with.</summary>
    internal const string PlaceholderPrefix = "\u0001non-finite:";

    /// <summary>The same prefix as written inside the JSON text (control characters must be escaped in JSON strings).</summary>
    private const string EscapedPlaceholderPrefix = "\\u0001non-finite:";

    private static readonly string[] Tokens = ["-infinity", "infinity", "-inf", "inf", "-nan", "nan"];

    /// <summary>
    /// Replaces every bare non-finite token by a placeholder string "\\u0001non-finite:k" and returns the rewritten text
    /// and the original tokens (index k), or null when the text has no such token.
    /// </summary>
    internal static (string Rewritten, List<string> Tokens)? Rewrite(string text)
    {
        StringBuilder? builder = null;
        var found = new List<string>();
        var inString = false;
        var copiedUpTo = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (inString)
            {
                if (character == '\\') index++;
                else if (character == '"') inString = false;
                continue;
            }
            if (character == '"') { inString = true; continue; }
            if (character != '-' && character != 'n' && character != 'N' && character != 'i' && character != 'I') continue;
            if (index > 0 && (char.IsLetterOrDigit(text[index - 1]) || text[index - 1] == '.')) continue;
            var token = MatchToken(text, index);
            if (token is null) continue;
            builder ??= new StringBuilder(text.Length + 32);
            builder.Append(text, copiedUpTo, index - copiedUpTo);
            builder.Append('"').Append(EscapedPlaceholderPrefix).Append(found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
            found.Add(text.Substring(index, token.Length));
            index += token.Length - 1;
            copiedUpTo = index + 1;
        }
        if (builder is null) return null;
        builder.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return (builder.ToString(), found);
    }

    private static string? MatchToken(string text, int start)
    {
        foreach (var token in Tokens)
        {
            if (start + token.Length > text.Length) continue;
            if (!string.Equals(text.Substring(start, token.Length), token, StringComparison.OrdinalIgnoreCase)) continue;
            var end = start + token.Length;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) continue;
            return token;
        }
        return null;
    }
}
