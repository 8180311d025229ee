using System.Globalization;
using System.Xml.Linq;

namespace LocalSgdVerify.Tests.Charts;

/// <summary>Reads rendered SVG back: the parts a test needs, found by class and data attributes.</summary>
internal static class SvgInspection
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public readonly record struct Rectangle(double Left, double Top, double Width, double Height)
    {
        public double Right => Left + Width;

        public double Bottom => Top + Height;

        public bool Contains(double x, double y, double tolerance = 0.006) =>
            x >= Left - tolerance && x <= Right + tolerance && y >= Top - tolerance && y <= Bottom + tolerance;
    }

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IEnumerable<XElement> WithClass(XDocument document, string className) =>
        document.Descendants().Where(element =>
            ((string?)element.Attribute("class"))?.Split(' ').Contains(className) == true);

    public static XElement SeriesGroup(XDocument document, string name) =>
        document.Descendants(Svg + "g").Single(element => (string?)element.Attribute("data-series") == name);

    public static Rectangle ClipRectangle(XDocument document)
    {
        XElement rect = document.Descendants(Svg + "clipPath").Single().Element(Svg + "rect")!;
        return ReadRectangle(rect);
    }

    public static Rectangle PlotFrame(XDocument document) =>
        ReadRectangle(WithClass(document, "plot-frame").Single());

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>Sub-paths of path data made of absolute M and L commands (and "h0" dots), as point lists.</summary>
    public static List<List<(double X, double Y)>> SubPaths(string pathData)
    {
        var pieces = new List<List<(double X, double Y)>>();
        string[] tokens = pathData.Replace("M", " M ").Replace("L", " L ").Replace("Z", " Z ").Replace("h0", " h0 ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int index = 0; index < tokens.Length; index++)
        {
            switch (tokens[index])
            {
                case "M":
                    pieces.Add([(ParseNumber(tokens[index + 1]), ParseNumber(tokens[index + 2]))]);
                    index += 2;
                    break;
                case "L":
                    pieces[^1].Add((ParseNumber(tokens[index + 1]), ParseNumber(tokens[index + 2])));
                    index += 2;
                    break;
                case "Z":
                case "h0":
                    break;
                default:
                    throw new FormatException($"Unexpected path token '{tokens[index]}' in '{pathData}'.");
            }
        }

        return pieces;
    }

    public static List<List<(double X, double Y)>> LineSubPaths(XElement seriesGroup) =>
        seriesGroup.Elements(Svg + "path").Where(path => (string?)path.Attribute("class") == "line")
            .SelectMany(path => SubPaths((string)path.Attribute("d")!)).ToList();

    public static List<(double X, double Y)> CircleCentres(XElement group) =>
        group.Descendants(Svg + "circle").Select(circle => (Number(circle, "cx"), Number(circle, "cy"))).ToList();

    public static List<string> NoteTexts(XDocument document) =>
        WithClass(document, "note").Select(note => note.Value).ToList();

    private static Rectangle ReadRectangle(XElement rect) =>
        new(Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));

    private static double ParseNumber(string token) => double.Parse(token, CultureInfo.InvariantCulture);
}
