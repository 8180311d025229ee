using System.Collections.Immutable;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Complete description of one chart; <see cref="ChartRenderer.RenderSvg(Chart)"/> turns it into SVG.
/// Nothing here is computed: the renderer chooses ranges, ticks, legend place and notes.</summary>
/// <param name="Title">Heading drawn above the plot and used as the SVG &lt;title&gt;.</param>
/// <param name="XAxis">Horizontal axis.</param>
/// <param name="YAxis">Vertical axis.</param>
/// <param name="Series">Data series, drawn in order (later ones on top); colours and markers follow this order.</param>
public sealed record Chart(string Title, Axis XAxis, Axis YAxis, ImmutableArray<Series> Series)
{
    /// <summary>Lines from formulas (predictions, ideals), drawn under the data.</summary>
    public ImmutableArray<ReferenceLine> ReferenceLines { get; init; } = [];

    /// <summary>Texts pinned to data points.</summary>
    public ImmutableArray<Annotation> Annotations { get; init; } = [];

    /// <summary>Free-text notes printed under the plot, before the notes the renderer adds (points not shown, ...).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Drawing size; 600 × 400 unless set.</summary>
    public ChartSize Size { get; init; } = ChartSize.Default;
}
