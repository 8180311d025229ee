namespace LocalSgdVerify.Reports.Charts;

/// <summary>Visible pieces of a reference line, in unit coordinates.</summary>
internal static class ReferenceGeometry
{
    // Enough samples that a curve (a straight line on log axes, a power law on linear axes) looks smooth at 600 px.
    private const int CurveSamples = 160;

    public static List<List<PlotPoint>> Build(ReferenceLine line, AxisScale unitX, AxisScale unitY)
    {
        switch (line)
        {
            case HorizontalReferenceLine horizontal:
                return unitY.CanMap(horizontal.Y) && unitY.Contains(horizontal.Y)
                    ? [[new PlotPoint(0, unitY.Fraction(horizontal.Y)), new PlotPoint(1, unitY.Fraction(horizontal.Y))]]
                    : [];
            case VerticalReferenceLine vertical:
                return unitX.CanMap(vertical.X) && unitX.Contains(vertical.X)
                    ? [[new PlotPoint(unitX.Fraction(vertical.X), 0), new PlotPoint(unitX.Fraction(vertical.X), 1)]]
                    : [];
        }

        // A straight line on linear axes and a power law on log–log axes are straight in the plot: two ends suffice.
        bool straightInPlot = (line is StraightReferenceLine && unitX.Kind == ScaleKind.Linear && unitY.Kind == ScaleKind.Linear)
            || (line is PowerLawReferenceLine && unitX.Kind == ScaleKind.Log10 && unitY.Kind == ScaleKind.Log10);
        int intervals = straightInPlot ? 1 : CurveSamples;

        var pieces = new List<List<PlotPoint>>();
        var run = new List<PlotPoint>();
        for (int sample = 0; sample <= intervals; sample++)
        {
            double x = sample == 0 ? unitX.Minimum
                : sample == intervals ? unitX.Maximum
                : unitX.FromPixel((double)sample / intervals);
            double y = line.ValueAt(x);
            if (unitY.CanMap(y))
            {
                run.Add(new PlotPoint(unitX.Fraction(x), SeriesGeometry.Place(unitY, y)));
                continue;
            }

            if (run.Count > 1)
            {
                pieces.AddRange(Clipping.Polyline(run).Where(piece => piece.Count > 1));
            }

            run.Clear();
        }

        if (run.Count > 1)
        {
            pieces.AddRange(Clipping.Polyline(run).Where(piece => piece.Count > 1));
        }

        return pieces;
    }
}
