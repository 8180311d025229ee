using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>
/// How every XML file of a report (the SVG plots, junit.xml) is written: characters XML 1.0 forbids replaced, two
/// spaces of indentation, "\n" line ends and a final newline, so the same tree always gives the same bytes.
/// </summary>
public static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>
    /// Text safe for XML 1.0: the characters it forbids (control characters other than tab, line feed and carriage
    /// return; lone surrogates) become U+FFFD, so the file always parses.
    /// </summary>
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? builder = null;
        for (int index = 0; index < text.Length; index++)
        {
            char c = text[index];
            bool pair = char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
            bool valid = pair || (!char.IsSurrogate(c) && XmlConvert.IsXmlChar(c));
            if (valid && builder is null) { if (pair) index++; continue; }
            builder ??= new StringBuilder(text[..index]);
            if (pair) { builder.Append(c).Append(text[index + 1]); index++; }
            else builder.Append(valid ? c : '\uFFFD');
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>Appends <paramref name="root"/> to <paramref name="text"/> indented (without an XML declaration: the caller writes its own) and a final newline.</summary>
    public static StringBuilder AppendIndented(StringBuilder text, XElement root)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(root);
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), Settings)) root.WriteTo(writer);
        return text.Append('\n');
    }
}
