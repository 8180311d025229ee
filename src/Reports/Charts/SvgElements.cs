using System.Text;
using System.Xml.Linq;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Small helpers for building SVG elements with System.Xml.Linq, which escapes all text and attributes.</summary>
internal static class SvgElements
{
    public static readonly XNamespace Namespace = "http://www.w3.org/2000/svg";

    public static XElement Element(string name, params object?[] content) => new(Namespace + name, content);

    public static XAttribute Number(string name, double value) => new(name, SvgNumber.Format(value));

    /// <summary>Path data "M x y L x y ..." for open pieces; a one-point piece becomes "M x y h0", which round
    /// line caps draw as a dot so an isolated visible point is not lost.</summary>
    public static string PathData(IEnumerable<IReadOnlyList<PlotPoint>> pieces, bool close)
    {
        var data = new StringBuilder();
        foreach (IReadOnlyList<PlotPoint> piece in pieces)
        {
            for (int index = 0; index < piece.Count; index++)
            {
                if (data.Length > 0)
                {
                    data.Append(' ');
                }

                data.Append(index == 0 ? 'M' : 'L')
                    .Append(SvgNumber.Format(piece[index].X)).Append(' ').Append(SvgNumber.Format(piece[index].Y));
            }

            if (close)
            {
                data.Append(" Z");
            }
            else if (piece.Count == 1)
            {
                data.Append(" h0");
            }
        }

        return data.ToString();
    }

    /// <summary>A marker of the given shape centred on (x, y), filled with the colour (crosses are stroked).</summary>
    public static XElement Marker(MarkerShape shape, double x, double y, string color)
    {
        const double Radius = 3.6;
        return shape switch
        {
            MarkerShape.Square => Element("rect", Number("x", x - 3.2), Number("y", y - 3.2),
                Number("width", 6.4), Number("height", 6.4)),
            MarkerShape.Triangle => Element("path", new XAttribute("d",
                $"M{SvgNumber.Format(x)} {SvgNumber.Format(y - 4.4)} L{SvgNumber.Format(x + 4)} {SvgNumber.Format(y + 2.8)} "
                + $"L{SvgNumber.Format(x - 4)} {SvgNumber.Format(y + 2.8)} Z")),
            MarkerShape.Diamond => Element("path", new XAttribute("d",
                $"M{SvgNumber.Format(x)} {SvgNumber.Format(y - 4.4)} L{SvgNumber.Format(x + 4)} {SvgNumber.Format(y)} "
                + $"L{SvgNumber.Format(x)} {SvgNumber.Format(y + 4.4)} L{SvgNumber.Format(x - 4)} {SvgNumber.Format(y)} Z")),
            MarkerShape.Cross => Element("path", new XAttribute("d",
                $"M{SvgNumber.Format(x - 3.3)} {SvgNumber.Format(y - 3.3)} L{SvgNumber.Format(x + 3.3)} {SvgNumber.Format(y + 3.3)} "
                + $"M{SvgNumber.Format(x - 3.3)} {SvgNumber.Format(y + 3.3)} L{SvgNumber.Format(x + 3.3)} {SvgNumber.Format(y - 3.3)}"),
                new XAttribute("fill", "none"), new XAttribute("stroke", color), new XAttribute("stroke-width", "1.8")),
            _ => Element("circle", Number("cx", x), Number("cy", y), Number("r", Radius)),
        };
    }
}
