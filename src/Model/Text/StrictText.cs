using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalSgdVerify.Model.Text;

/// <summary>
/// Text read from users' files is refused, not repaired: bytes that are not UTF-8 would otherwise silently become
/// U+FFFD, and a JSON escape of a lone surrogate (<c>"\ud800"</c>) names no character at all. Both readers of
/// JSON files (scenarios, reports, traces) go through here so the three refuse the same things the same way.
/// </summary>
public static class StrictText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes <paramref name="bytes"/> as UTF-8 (a leading byte-order mark is dropped); null and the byte offset
    /// of the first invalid sequence in <paramref name="invalidAt"/> when they are not UTF-8.
    /// </summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out long invalidAt)
    {
        invalidAt = -1;
        ReadOnlySpan<byte> body = bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        try
        {
            return Strict.GetString(body);
        }
        catch (DecoderFallbackException error)
        {
            invalidAt = error.Index + (bytes.Length - body.Length);
            if (invalidAt < 0) invalidAt = 0;
            return null;
        }
    }

    /// <summary>"is not UTF-8 text (an invalid byte sequence at byte 17, counted from 1)": the phrase readers append to the file's name.</summary>
    public static string NotUtf8(long invalidAt) =>
        $"is not UTF-8 text (an invalid byte sequence at byte {(invalidAt + 1).ToString(CultureInfo.InvariantCulture)}, counted from 1); save it as UTF-8";

    /// <summary>
    /// The JSON path of the first string or field name in <paramref name="element"/> that escapes a lone surrogate
    /// (<c>"\ud800"</c> without its pair), or null when every string is text.
    /// </summary>
    public static string? FirstLoneSurrogate(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : Shown(path);
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!Readable(() => property.Name)) return Shown(path) + " (a field name)";
                    string child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (FirstLoneSurrogate(property.Value, child) is string found) return found;
                }
                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (FirstLoneSurrogate(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]") is string found) return found;
                    index++;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The message for a lone surrogate at <paramref name="path"/>.</summary>
    public static string LoneSurrogate(string path) =>
        $"{path} is not allowed: it escapes a lone surrogate (\\ud800..\\udfff must come as a high-low pair naming one character); write the character itself or its pair.";

    private static string Shown(string path) => path.Length == 0 ? "(top level)" : path;

    private static bool Readable(Func<string?> read)
    {
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
