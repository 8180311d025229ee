using System.Text;
using System.Text.RegularExpressions;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Draws a <see cref="Chart"/> as a standalone SVG 1.1 document.</summary>
/// <remarks>The output is deterministic: the same chart and options give the same string, byte for byte (numbers
/// with two decimals in the invariant culture, "\n" line ends, ids from a content hash). Every series becomes one
/// <c>&lt;g class="series ..." data-series="name"&gt;</c> clipped to the plot area, so an HTML test can find it.
/// Data problems never throw: NaN, ±∞ and values a log axis cannot show leave gaps and a note; a chart without a
/// drawable point says "no data". Only a malformed description throws (<see cref="ChartValidation"/>).</remarks>
public static partial class ChartRenderer
{
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>";

    /// <summary>The chart as an SVG document with the XML declaration, ready to write to a .svg file.</summary>
    /// <exception cref="ArgumentException">The description is malformed; the message names the field.</exception>
    public static string RenderSvg(Chart chart) => RenderSvg(chart, ChartRenderOptions.Default);

    /// <summary>The chart as SVG text with the given options (e.g. <see cref="ChartRenderOptions.ForHtml"/>).</summary>
    /// <exception cref="ArgumentException">The description or the id prefix is malformed.</exception>
    public static string RenderSvg(Chart chart, ChartRenderOptions options)
    {
        ChartValidation.Validate(chart);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IdPrefix is { } prefix && !IdPattern().IsMatch(prefix))
        {
            throw new ArgumentException(
                $"ChartRenderOptions.IdPrefix is \"{prefix}\"; it must start with a letter and contain only letters, digits, '-' and '_'.",
                nameof(options));
        }

        ChartPlan plan = ChartPlan.Create(chart);
        ChartLayout layout = ChartLayout.Compute(plan);
        var root = SvgChartWriter.Build(plan, layout, options.IdPrefix ?? ChartIdentity.IdPrefix(chart));

        var text = new StringBuilder();
        if (options.IncludeXmlDeclaration)
        {
            text.Append(XmlDeclaration).Append('\n');
        }

        return XmlOutput.AppendIndented(text, root).ToString();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();
}
