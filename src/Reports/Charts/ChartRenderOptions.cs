namespace LocalSgdVerify.Reports.Charts;

/// <summary>Choices that affect the SVG text but not the picture.</summary>
public sealed record ChartRenderOptions
{
    /// <summary>Standalone file output: with the XML declaration, ids derived from the chart's content.</summary>
    public static ChartRenderOptions Default { get; } = new();

    /// <summary>For inlining into an HTML page: no XML declaration.</summary>
    public static ChartRenderOptions ForHtml { get; } = new() { IncludeXmlDeclaration = false };

    /// <summary>Whether to start with <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c>; HTML inlining omits it.</summary>
    public bool IncludeXmlDeclaration { get; init; } = true;

    /// <summary>Prefix of every id in the SVG (clip path, title, description). Ids must be unique across a page that
    /// inlines several charts; null derives "chart-" plus a hash of the chart's content, which differs between
    /// charts with different content. Must start with a letter and contain only letters, digits, '-' and '_'.</summary>
    public string? IdPrefix { get; init; }
}
