using LocalSgdVerify.Reports.Charts;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>The formats a stored report can be rendered to.</summary>
public enum ReportFormat
{
    /// <summary>report.md, GitHub-flavoured Markdown.</summary>
    Markdown,

    /// <summary>report.html, self-contained.</summary>
    Html,

    /// <summary>junit.xml.</summary>
    JUnit,

    /// <summary>report.json itself.</summary>
    Json,

    /// <summary>summary.md: compact Markdown for a CI job summary (<see cref="JobSummaryWriter"/>).</summary>
    Summary,
}

/// <summary>
/// Renders every file of a report folder from the document alone: report.json, report.md, report.html, junit.xml
/// plots/*.svg with the data of each as plots/*.csv. Each is a pure function of the document, so rendering twice gives identical bytes.
/// </summary>
public static class ReportRenderer
{
    /// <summary>The file a format is written to inside a report folder.</summary>
    public static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "report.md",
        ReportFormat.Html => "report.html",
        ReportFormat.JUnit => "junit.xml",
        ReportFormat.Summary => "summary.md",
        _ => "report.json",
    };

    /// <summary>One format as text.</summary>
    public static string Render(ReportDocument document, ReportFormat format) => format switch
    {
        ReportFormat.Markdown => MarkdownReportWriter.Write(document),
        ReportFormat.Html => HtmlReportWriter.Write(document),
        ReportFormat.JUnit => JUnitReportWriter.Write(document),
        ReportFormat.Summary => JobSummaryWriter.Write(document),
        _ => ReportJson.Write(document),
    };

    /// <summary>
    /// The standalone SVG file of every figure that can be drawn, by relative path (plots/...svg), in document order,
    /// each followed by its data as plots/...csv (<see cref="FigureCsv"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RenderPlots(ReportDocument document)
    {
        var plots = new List<KeyValuePair<string, string>>();
        foreach (PlotFile plot in PlotFiles.For(document))
        {
            var (svg, _) = FigureCharts.TryRender(plot.Figure, ChartRenderOptions.Default);
            if (svg is not null) plots.Add(new(plot.RelativePath, svg));
            plots.Add(new(PlotFiles.CsvPath(plot), FigureCsv.Write(plot.Figure)));
        }
        return plots;
    }

    /// <summary>
    /// Every file of the report folder, by relative path ('/' separated): the five documents, the plots (SVG, each with its
    /// data as CSV), then the counterexample and witness scenarios.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RenderAll(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var files = new List<KeyValuePair<string, string>>();
        foreach (ReportFormat format in new[] { ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Html, ReportFormat.JUnit, ReportFormat.Summary })
            files.Add(new(FileName(format), Render(document, format)));
        files.AddRange(RenderPlots(document));
        files.AddRange(ScenarioFiles.For(document).Select(file => new KeyValuePair<string, string>(file.RelativePath, ScenarioFiles.Text(file))));
        return files;
    }
}
