namespace LocalSgdVerify.Reports.Charts;

/// <summary>Everything about a chart that does not depend on pixel layout: axis ranges, ticks, clipped geometry in
/// unit coordinates, the notes, and the legend entries.</summary>
internal sealed class ChartPlan
{
    private ChartPlan(Chart chart)
    {
        Chart = chart;
    }

    public Chart Chart { get; }

    /// <summary>False when no series has a single drawable point: the chart then says "no data".</summary>
    public bool HasData { get; private set; }

    public AxisRange XRange { get; private set; }

    public AxisRange YRange { get; private set; }

    public TickSet? XTicks { get; private set; }

    public TickSet? YTicks { get; private set; }

    public List<SeriesGeometry> Series { get; } = [];

    public List<ResolvedStyle> SeriesStyles { get; } = [];

    public List<List<List<PlotPoint>>> References { get; } = [];

    public List<ResolvedStyle> ReferenceStyles { get; } = [];

    /// <summary>Annotations whose point lies inside the axis ranges, with that point in unit coordinates.</summary>
    public List<(Annotation Annotation, PlotPoint Point)> Annotations { get; } = [];

    public List<string> Notes { get; } = [];

    public List<LegendEntry> LegendEntries { get; } = [];

    public static ChartPlan Create(Chart chart)
    {
        var plan = new ChartPlan(chart);
        plan.Analyse();
        return plan;
    }

    private bool IsBandOf(int band, int series) =>
        band >= 0 && series < Chart.Series.Length && Chart.Series[band].Kind == SeriesKind.ErrorBand
        && Chart.Series[series].Kind != SeriesKind.ErrorBand && Chart.Series[band].Name == Chart.Series[series].Name;

    private void Analyse()
    {
        Notes.AddRange(Chart.Notes.Select(TextMetrics.Clean));
        var xValues = new List<double>();
        var yValues = new List<double>();
        foreach (Series series in Chart.Series)
        {
            CollectDrawableValues(series, xValues, yValues);
        }

        HasData = xValues.Count > 0;
        for (int index = 0; index < Chart.Series.Length; index++)
        {
            SeriesStyles.Add(ResolvedStyle.ForSeries(Chart.Series[index].Style, index));
        }

        // A band followed by a series of the same name is that series' interval: one legend entry shows both.
        for (int index = 0; index < Chart.Series.Length; index++)
        {
            Series series = Chart.Series[index];
            if (IsBandOf(index, index + 1))
            {
                continue;
            }

            LegendEntries.Add(LegendEntry.ForSeries(series, SeriesStyles[index]) with { WithBand = IsBandOf(index - 1, index) });
        }

        for (int index = 0; index < Chart.ReferenceLines.Length; index++)
        {
            ReferenceLine line = Chart.ReferenceLines[index];
            ReferenceStyles.Add(ResolvedStyle.ForReference(line.Style, index));
            switch (line)
            {
                case HorizontalReferenceLine horizontal:
                    yValues.Add(horizontal.Y);
                    break;
                case VerticalReferenceLine vertical:
                    xValues.Add(vertical.X);
                    break;
            }
        }

        if (!HasData)
        {
            AddScreeningNotesWithoutData();
            return;
        }

        XRange = AutomaticRange.Resolve(Chart.XAxis, xValues) ?? throw new InvalidOperationException("x range");
        YRange = AutomaticRange.Resolve(Chart.YAxis, yValues) ?? throw new InvalidOperationException("y range");
        XTicks = TickGenerator.For(Chart.XAxis.Scale, XRange.Minimum, XRange.Maximum);
        YTicks = TickGenerator.For(Chart.YAxis.Scale, YRange.Minimum, YRange.Maximum);
        var unitX = new AxisScale(Chart.XAxis.Scale, XRange.Minimum, XRange.Maximum, 0, 1);
        var unitY = new AxisScale(Chart.YAxis.Scale, YRange.Minimum, YRange.Maximum, 0, 1);

        foreach (Series series in Chart.Series)
        {
            SeriesGeometry geometry = SeriesGeometry.Build(series, unitX, unitY);
            Series.Add(geometry);
            Notes.AddRange(PointScreening.Notes(TextMetrics.Clean(series.Name), geometry.NotANumberCount,
                geometry.InfiniteCount, geometry.NonPositiveCount, geometry.OutsideCount));
        }

        for (int index = 0; index < Chart.ReferenceLines.Length; index++)
        {
            ReferenceLine line = Chart.ReferenceLines[index];
            List<List<PlotPoint>> pieces = ReferenceGeometry.Build(line, unitX, unitY);
            References.Add(pieces);
            LegendEntries.Add(LegendEntry.ForReference(line, ReferenceStyles[index]));
            if (pieces.Count == 0)
            {
                Notes.Add($"reference line {TextMetrics.Clean(line.Label)}: not shown (no finite value inside the axis range)");
            }
        }

        foreach (Annotation annotation in Chart.Annotations)
        {
            bool visible = unitX.CanMap(annotation.X) && unitY.CanMap(annotation.Y)
                && unitX.Contains(annotation.X) && unitY.Contains(annotation.Y);
            if (visible)
            {
                Annotations.Add((annotation, new PlotPoint(unitX.Fraction(annotation.X), unitY.Fraction(annotation.Y))));
            }
            else
            {
                Notes.Add($"annotation {TextMetrics.Clean(annotation.Text)}: not shown (outside the axis range)");
            }
        }
    }

    // Ranges come only from points the chart will actually draw, so one NaN in y does not stretch the x axis.
    private void CollectDrawableValues(Series series, List<double> xValues, List<double> yValues)
    {
        for (int index = 0; index < series.X.Length; index++)
        {
            if (PointScreening.Classify(series, index, Chart.XAxis.Scale, Chart.YAxis.Scale) != PointStatus.Drawable)
            {
                continue;
            }

            xValues.Add(series.X[index]);
            if (series.Kind != SeriesKind.ErrorBand)
            {
                yValues.Add(series.Y[index]);
            }

            if (series.Kind is SeriesKind.ErrorBand or SeriesKind.ErrorBars)
            {
                yValues.Add(series.Low[index]);
                yValues.Add(series.High[index]);
            }
        }
    }

    private void AddScreeningNotesWithoutData()
    {
        foreach (Series series in Chart.Series)
        {
            var statuses = Enumerable.Range(0, series.X.Length)
                .Select(index => PointScreening.Classify(series, index, Chart.XAxis.Scale, Chart.YAxis.Scale))
                .ToList();
            Notes.AddRange(PointScreening.Notes(
                TextMetrics.Clean(series.Name),
                statuses.Count(status => status == PointStatus.NotANumber),
                statuses.Count(status => status == PointStatus.Infinite),
                statuses.Count(status => status == PointStatus.NonPositiveOnLogAxis),
                0));
        }
    }
}
