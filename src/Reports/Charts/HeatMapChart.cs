using System.Collections.Immutable;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>
/// A heat map: a value for each cell of a grid X × Y, coloured on a sequential scale (linear or log10) with a colour
/// bar, and lines drawn over it (boundaries such as R = N). Cells span from the midpoint to each neighbour on the axis's
/// own scale (the geometric midpoint on a log axis), so an uneven grid such as N = 1, 2, 4, ... tiles the plot.
/// <see cref="HeatMapRenderer"/> turns it into SVG.
/// </summary>
/// <param name="Title">Heading and SVG &lt;title&gt;.</param>
/// <param name="XAxis">Horizontal axis (its scale places the columns).</param>
/// <param name="YAxis">Vertical axis (its scale places the rows).</param>
/// <param name="X">Column positions, strictly increasing.</param>
/// <param name="Y">Row positions, strictly increasing.</param>
/// <param name="Values">Values[row][column]; NaN (or a value ≤ 0 on a log scale) leaves the cell grey, with a note.</param>
/// <param name="ValueLabel">What the colour shows.</param>
/// <param name="ValueScale">Linear or log10 colour scale.</param>
public sealed record HeatMapChart(string Title, Axis XAxis, Axis YAxis, ImmutableArray<double> X, ImmutableArray<double> Y,
    ImmutableArray<ImmutableArray<double>> Values, string ValueLabel, ScaleKind ValueScale)
{
    /// <summary>Lines drawn over the cells, in data coordinates, each with its own dash pattern and a legend entry.</summary>
    public ImmutableArray<HeatMapLine> Lines { get; init; } = [];

    /// <summary>Drawing size; 640 × 440 unless set.</summary>
    public ChartSize Size { get; init; } = new(640, 440);

    /// <summary>Null when the description can be drawn, else what is wrong with it (naming the field).</summary>
    public string? Problem()
    {
        if (X.IsDefaultOrEmpty || Y.IsDefaultOrEmpty) return "a heat map needs at least one column and one row";
        if (Values.IsDefault || Values.Length != Y.Length) return $"Values has {(Values.IsDefault ? 0 : Values.Length)} rows, expected {Y.Length} (one per Y)";
        for (int row = 0; row < Values.Length; row++)
            if (Values[row].IsDefault || Values[row].Length != X.Length) return $"Values[{row}] has {(Values[row].IsDefault ? 0 : Values[row].Length)} cells, expected {X.Length} (one per X)";
        if (!Increasing(X, XAxis.Scale)) return "X must be finite and strictly increasing (and > 0 on a log axis)";
        if (!Increasing(Y, YAxis.Scale)) return "Y must be finite and strictly increasing (and > 0 on a log axis)";
        foreach (var line in Lines)
            if (line.X.Length != line.Y.Length) return $"line '{line.Name}' has {line.X.Length} x values and {line.Y.Length} y values";
        return null;
    }

    private static bool Increasing(ImmutableArray<double> values, ScaleKind scale) =>
        values.All(v => double.IsFinite(v) && (scale == ScaleKind.Linear || v > 0)) && values.Zip(values.Skip(1), (a, b) => b > a).All(x => x);
}

/// <summary>A line over a heat map (a boundary such as R = N), in data coordinates.</summary>
public sealed record HeatMapLine(string Name, ImmutableArray<double> X, ImmutableArray<double> Y);
