namespace LocalSgdVerify.Reports.Charts;

/// <summary>Why a data point can or cannot be placed on the chart.</summary>
internal enum PointStatus
{
    Drawable,
    NotANumber,
    Infinite,
    NonPositiveOnLogAxis,
}

/// <summary>Classifies points and builds the notes that tell the reader what was left out.</summary>
internal static class PointScreening
{
    /// <summary>Status of point <paramref name="index"/> of a series from the values its kind needs: X and Y for
    /// lines and markers, X, Low and High for a band, all four for error bars.</summary>
    public static PointStatus Classify(Series series, int index, ScaleKind xScale, ScaleKind yScale)
    {
        Span<double> values = stackalloc double[4];
        Span<ScaleKind> scales = [xScale, yScale, yScale, yScale];
        int count = 0;
        values[count++] = series.X[index];
        if (series.Kind != SeriesKind.ErrorBand)
        {
            values[count++] = series.Y[index];
        }

        if (series.Kind is SeriesKind.ErrorBand or SeriesKind.ErrorBars)
        {
            values[count++] = series.Low[index];
            values[count++] = series.High[index];
        }

        return Classify(values[..count], scales[..count]);
    }

    /// <summary>Status of a point from the values it needs (the first reason found wins: NaN, then ±∞, then ≤ 0 on
    /// a log axis).</summary>
    public static PointStatus Classify(ReadOnlySpan<double> values, ReadOnlySpan<ScaleKind> scales)
    {
        foreach (double value in values)
        {
            if (double.IsNaN(value))
            {
                return PointStatus.NotANumber;
            }
        }

        foreach (double value in values)
        {
            if (double.IsInfinity(value))
            {
                return PointStatus.Infinite;
            }
        }

        for (int index = 0; index < values.Length; index++)
        {
            if (scales[index] == ScaleKind.Log10 && values[index] <= 0)
            {
                return PointStatus.NonPositiveOnLogAxis;
            }
        }

        return PointStatus.Drawable;
    }

    /// <summary>"series X: 2 points not shown (NaN)" and the like, one line per reason with a non-zero count.</summary>
    public static IEnumerable<string> Notes(string seriesName, int notANumber, int infinite, int nonPositive, int outside)
    {
        if (notANumber > 0)
        {
            yield return $"series {seriesName}: {Points(notANumber)} not shown (NaN)";
        }

        if (infinite > 0)
        {
            yield return $"series {seriesName}: {Points(infinite)} not shown (infinite)";
        }

        if (nonPositive > 0)
        {
            yield return $"series {seriesName}: {Points(nonPositive)} not shown (≤ 0 on a log axis)";
        }

        if (outside > 0)
        {
            yield return $"series {seriesName}: {Points(outside)} outside the axis range (clipped)";
        }
    }

    private static string Points(int count) => count == 1 ? "1 point" : $"{count} points";
}
