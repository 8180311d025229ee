using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using static LocalSgdVerify.Tests.Charts.ChartGenerators;

namespace LocalSgdVerify.Tests.Charts;

/// <summary>Random chart descriptions for "never throws, always well-formed" properties: every series kind, both
/// scales, explicit ranges or none, data with NaN, ±∞, zeros and negatives, awkward texts.</summary>
internal static class RandomCharts
{
    /// <summary>Names without control characters, so the rendered data-series value must equal the name exactly.</summary>
    public static readonly string[] SeriesNames =
        ["a", "exact", "Monte Carlo mean", "<a & b>", "say \"hi\" & 'bye'", "ε ≤ x̄ < ∞", "R = √N", ""];

    public static readonly string[] Texts =
        ["", "plain", "<a & b>", "quotes \" and '", "unicode x̄ ≤ ∞ ✓", "control \u0001 char", "tab\tand\nnewline",
         "lone \uD800 surrogate", new string('w', 150)];

    public static Gen<Chart> Charts =>
        from title in Gen.Elements(Texts)
        from xAxis in Axes
        from yAxis in Axes
        from series in Gen.ListOf(SeriesGen).Resize(4)
        from references in Gen.ListOf(ReferenceGen).Resize(2)
        from annotations in Gen.ListOf(AnnotationGen).Resize(2)
        from notes in Gen.ListOf(Gen.Elements(Texts)).Resize(3)
        from size in Gen.Elements(ChartSize.Default, new ChartSize(ChartSize.MinimumWidth, ChartSize.MinimumHeight), new ChartSize(1000, 300))
        select new Chart(title, xAxis, yAxis, [.. series])
        {
            ReferenceLines = [.. references],
            Annotations = [.. annotations],
            Notes = [.. notes],
            Size = size,
        };

    private static Gen<Axis> Axes =>
        from label in Gen.Elements(Texts)
        from unit in Gen.Elements<string?>(null, "", "iterations", "<unit>")
        from scale in Gen.Elements(ScaleKind.Linear, ScaleKind.Log10)
        from explicitRange in Gen.Elements(true, false)
        from low in Gen.Choose(-20, 20)
        from width in Gen.Choose(1, 30)
        from exponent in Gen.Choose(-3, 3)
        let range = scale == ScaleKind.Linear
            ? new AxisRange(low, low + width)
            : new AxisRange(Math.Abs(low) + 1, (Math.Abs(low) + 1) * Math.Pow(10, Math.Abs(exponent) + (width / 10.0)))
        select new Axis(label, unit, scale, explicitRange ? range : null);

    private static Gen<Series> SeriesGen =>
        from kind in Gen.Elements(Enum.GetValues<SeriesKind>())
        from name in Gen.Elements(SeriesNames)
        from length in Gen.Choose(0, 15)
        from x in CodedValues(length)
        from y in CodedValues(length)
        from low in CodedValues(length)
        from high in CodedValues(length)
        select kind switch
        {
            SeriesKind.Line => Series.Line(name, x, y),
            SeriesKind.Scatter => Series.Scatter(name, x, y),
            SeriesKind.LineWithMarkers => Series.LineWithMarkers(name, x, y),
            SeriesKind.ErrorBand => Series.Band(name, x, low, high),
            _ => Series.ErrorBars(name, x, y, low, high),
        };

    private static Gen<ReferenceLine> ReferenceGen =>
        from kind in Gen.Choose(0, 3)
        from label in Gen.Elements(Texts)
        from first in Gen.Choose(-3, 40).Select(FromCode)
        from second in Gen.Choose(-3, 40).Select(FromCode)
        from third in Gen.Choose(-3, 40).Select(FromCode)
        select kind switch
        {
            0 => (ReferenceLine)new HorizontalReferenceLine(label, first),
            1 => new VerticalReferenceLine(label, first),
            2 => new StraightReferenceLine(label, first / 4, second),
            _ => new PowerLawReferenceLine(label, first / 10, second, third),
        };

    private static Gen<Annotation> AnnotationGen =>
        from text in Gen.Elements(Texts)
        from x in Gen.Choose(-3, 40).Select(FromCode)
        from y in Gen.Choose(-3, 40).Select(FromCode)
        select new Annotation(text, x, y);
}
