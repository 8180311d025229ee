namespace LocalSgdVerify.Reports.Charts;

/// <summary>A vertical error bar in unit coordinates: the visible part of [Low, High] at X, and whether each end is
/// inside the plot (only those get a cap).</summary>
internal readonly record struct ErrorBarGeometry(PlotPoint Start, PlotPoint End, bool CapAtStart, bool CapAtEnd);

/// <summary>What one series draws, in unit coordinates, already clipped to the plot, plus counts of points left out.</summary>
internal sealed class SeriesGeometry
{
    // Points further than this many plot widths away are pulled in to it: the visible direction of a segment
    // towards them changes by under 1e-6 rad, and coordinates stay finite.
    private const double FarLimit = 1e6;

    public List<List<PlotPoint>> Lines { get; } = [];

    public List<List<PlotPoint>> Bands { get; } = [];

    public List<PlotPoint> Markers { get; } = [];

    public List<ErrorBarGeometry> Bars { get; } = [];

    public int NotANumberCount { get; private set; }

    public int InfiniteCount { get; private set; }

    public int NonPositiveCount { get; private set; }

    public int OutsideCount { get; private set; }

    public int DrawableCount { get; private set; }

    /// <summary>Point i of a series is drawable when all values its kind needs are finite (and positive on log
    /// axes); the others split lines and bands into separate pieces, which is the visible gap.</summary>
    public static SeriesGeometry Build(Series series, AxisScale unitX, AxisScale unitY)
    {
        var geometry = new SeriesGeometry();
        bool usesY = series.Kind != SeriesKind.ErrorBand;
        bool usesInterval = series.Kind is SeriesKind.ErrorBand or SeriesKind.ErrorBars;
        bool drawsLine = series.Kind is SeriesKind.Line or SeriesKind.LineWithMarkers;
        bool drawsMarkers = series.Kind is SeriesKind.Scatter or SeriesKind.LineWithMarkers or SeriesKind.ErrorBars;

        var run = new List<PlotPoint>();
        var bandHigh = new List<PlotPoint>();
        var bandLow = new List<PlotPoint>();
        for (int index = 0; index < series.X.Length; index++)
        {
            PointStatus status = PointScreening.Classify(series, index, unitX.Kind, unitY.Kind);
            if (status != PointStatus.Drawable)
            {
                geometry.Count(status);
                geometry.EndRun(run, bandHigh, bandLow, drawsLine);
                continue;
            }

            geometry.DrawableCount++;
            double x = series.X[index];
            double unitPositionX = Place(unitX, x);
            if (usesY)
            {
                double y = series.Y[index];
                var point = new PlotPoint(unitPositionX, Place(unitY, y));
                bool inside = unitX.Contains(x) && unitY.Contains(y);
                if (!inside)
                {
                    geometry.OutsideCount++;
                }

                run.Add(point);
                if (drawsMarkers && inside)
                {
                    geometry.Markers.Add(point);
                }
            }

            if (usesInterval)
            {
                double low = series.Low[index];
                double high = series.High[index];
                var lowPoint = new PlotPoint(unitPositionX, Place(unitY, low));
                var highPoint = new PlotPoint(unitPositionX, Place(unitY, high));
                if (series.Kind == SeriesKind.ErrorBand)
                {
                    bool intervalMissesRange = Math.Max(low, high) < unitY.Minimum || Math.Min(low, high) > unitY.Maximum;
                    if (!unitX.Contains(x) || intervalMissesRange)
                    {
                        geometry.OutsideCount++;
                    }

                    bandLow.Add(lowPoint);
                    bandHigh.Add(highPoint);
                }
                else if (unitX.Contains(x) && Clipping.Segment(lowPoint, highPoint, out PlotPoint start, out PlotPoint end))
                {
                    geometry.Bars.Add(new ErrorBarGeometry(
                        start, end, unitY.Contains(low), unitY.Contains(high)));
                }
            }
        }

        geometry.EndRun(run, bandHigh, bandLow, drawsLine);
        return geometry;
    }

    /// <summary>Unit position t of a value, with t limited to ±<see cref="FarLimit"/>.</summary>
    public static double Place(AxisScale unitScale, double value) =>
        Math.Clamp(unitScale.Fraction(value), -FarLimit, FarLimit);

    private void Count(PointStatus status)
    {
        switch (status)
        {
            case PointStatus.NotANumber:
                NotANumberCount++;
                break;
            case PointStatus.Infinite:
                InfiniteCount++;
                break;
            default:
                NonPositiveCount++;
                break;
        }
    }

    private void EndRun(List<PlotPoint> run, List<PlotPoint> bandHigh, List<PlotPoint> bandLow, bool drawsLine)
    {
        if (drawsLine && run.Count > 0)
        {
            Lines.AddRange(Clipping.Polyline(run));
        }

        if (bandHigh.Count >= 2)
        {
            List<PlotPoint> outline = [.. bandHigh, .. Enumerable.Reverse(bandLow)];
            List<PlotPoint> clipped = Clipping.Polygon(outline);
            if (clipped.Count >= 3)
            {
                Bands.Add(clipped);
            }
        }

        run.Clear();
        bandHigh.Clear();
        bandLow.Clear();
    }
}
