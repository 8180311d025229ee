using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Charts;

public sealed class SvgDocumentTests
{
    private static Chart Sample(string title = "sample") =>
        new(title, new Axis("T", "iterations", ScaleKind.Log10), new Axis("error", Scale: ScaleKind.Log10),
            [Series.LineWithMarkers("measured", [10, 100, 1000], [1, 0.1, 0.01]), Series.Scatter("other", [10, 1000], [0.5, 0.05])])
        {
            ReferenceLines = [new PowerLawReferenceLine("slope -1", -1, 1000, 0.01)],
        };

    [Fact]
    public void DocumentIsStandaloneSvg11WithSizeNamespaceAndAccessibleTitle()
    {
        string text = ChartRenderer.RenderSvg(Sample());
        XDocument svg = Parse(text);
        XElement root = svg.Root!;

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg", text);
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("1.1", (string?)root.Attribute("version"));
        Assert.Equal("600", (string?)root.Attribute("width"));
        Assert.Equal("400", (string?)root.Attribute("height"));
        Assert.Equal("0 0 600 400", (string?)root.Attribute("viewBox"));
        Assert.Equal("sans-serif", (string?)root.Attribute("font-family"));

        XElement title = root.Elements().First();
        XElement description = root.Elements().Skip(1).First();
        Assert.Equal(Svg + "title", title.Name);
        Assert.Equal("sample", title.Value);
        Assert.Equal(Svg + "desc", description.Name);
        Assert.Contains("Series: measured (line-markers, 3 points); other (scatter, 2 points)", description.Value);
        Assert.Equal($"{(string?)title.Attribute("id")} {(string?)description.Attribute("id")}", (string?)root.Attribute("aria-labelledby"));
    }

    [Fact]
    public void SpecialCharactersAreEscaped()
    {
        var chart = Sample("<a & b>") with
        {
            Series = [Series.Line("say \"hi\" & <bye>", [1, 2], [1, 2])],
            Notes = ["note with <tag> & ampersand"],
        };
        string text = ChartRenderer.RenderSvg(chart);
        XDocument svg = Parse(text);

        Assert.Contains("&lt;a &amp; b&gt;", text);
        Assert.DoesNotContain("<a & b>", text);
        Assert.Equal("<a & b>", svg.Root!.Element(Svg + "title")!.Value);
        Assert.Equal("<a & b>", WithClass(svg, "chart-title").Single().Value);
        Assert.NotNull(SeriesGroup(svg, "say \"hi\" & <bye>"));
        Assert.Contains("note with <tag> & ampersand", NoteTexts(svg));
    }

    [Fact]
    public void CharactersXMLForbidsAreReplacedInsteadOfBreakingTheDocument()
    {
        var chart = Sample("bell \u0007 and lone \uDC00 surrogate") with { Series = [Series.Line("tab\tname", [1, 2], [1, 2])] };
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal("bell \uFFFD and lone \uFFFD surrogate", svg.Root!.Element(Svg + "title")!.Value);
        Assert.NotNull(SeriesGroup(svg, "tab name"));
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        Assert.Equal(ChartRenderer.RenderSvg(Sample()), ChartRenderer.RenderSvg(Sample()));
        Prop.ForAll(RandomCharts.Charts.ToArbitrary(), chart =>
            ChartRenderer.RenderSvg(chart) == ChartRenderer.RenderSvg(chart with { Series = [.. chart.Series] }))
            .Check(ChartProperties.Runs(100));
    }

    [Fact]
    public void HtmlOptionOmitsTheDeclarationAndCustomIdsAreUsed()
    {
        string html = ChartRenderer.RenderSvg(Sample(), ChartRenderOptions.ForHtml with { IdPrefix = "figure-3" });
        XDocument svg = Parse(html);
        Assert.StartsWith("<svg", html);
        Assert.Equal("figure-3-clip", (string?)svg.Descendants(Svg + "clipPath").Single().Attribute("id"));
        Assert.Equal("figure-3-title", (string?)svg.Root!.Element(Svg + "title")!.Attribute("id"));
    }

    [Fact]
    public void ChartsWithDifferentContentGetDifferentIds()
    {
        string Id(Chart chart) => (string)Parse(ChartRenderer.RenderSvg(chart)).Root!.Attribute("data-chart-id")!;
        Chart other = Sample() with { Series = [Series.Line("measured", [10, 100, 1000], [1, 0.1, 0.02])] };
        Assert.NotEqual(Id(Sample()), Id(other));
        Assert.Equal(Id(Sample()), Id(Sample()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("quote\"")]
    public void BadIdPrefixIsRejectedByName(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(Sample(), new ChartRenderOptions { IdPrefix = prefix }));
        Assert.Contains("IdPrefix", error.Message);
    }

    [Fact]
    public void EveryRandomChartIsWellFormedWithOneGroupPerSeriesAndFiniteNumbers()
    {
        Prop.ForAll(RandomCharts.Charts.ToArbitrary(), chart =>
        {
            XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
            List<string?> groups = [.. svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-series")).Where(name => name is not null)];
            bool numbersFinite = svg.Descendants().Attributes()
                .All(attribute => !attribute.Value.Contains("NaN") && !attribute.Value.Contains("Infinity") && !attribute.Value.Contains('∞')
                    || attribute.Name.LocalName.StartsWith("data-", StringComparison.Ordinal));
            return svg.Root!.Name == Svg + "svg"
                && groups.SequenceEqual(chart.Series.Select(series => series.Name))
                && numbersFinite
                && svg.Root.Attribute("viewBox")!.Value == $"0 0 {chart.Size.Width} {chart.Size.Height}";
        }).Check(ChartProperties.Runs(300));
    }
}
