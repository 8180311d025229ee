namespace LocalSgdVerify.Checks.Framework.Kit;

/// <summary>Phase diagrams: a heat-map figure of a value over a grid of two parameters, with boundary lines drawn over it.</summary>
public static class PhaseDiagrams
{
    /// <summary>
    /// A heat-map figure of <paramref name="value"/>(x, y) over <paramref name="xs"/> × <paramref name="ys"/>; each
    /// boundary is a line (name, points) drawn over the cells.
    /// </summary>
    public static Figure Of(string name, string title, Axis x, Axis y, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Func<double, double, double> value,
        string valueLabel, bool logarithmicValues, IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> boundaries)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(boundaries);
        var values = ys.Select(row => (IReadOnlyList<double>)xs.Select(column => value(column, row)).ToArray()).ToArray();
        return new Figure(name, title, x, y, boundaries.Select(b => new FigureSeries(b.Name, b.X, b.Y, Style: SeriesStyle.Line)).ToArray(), [])
        {
            HeatMap = new HeatMap(xs, ys, values, valueLabel, logarithmicValues),
        };
    }

    /// <summary>1, 2, 4, ..., up to <paramref name="maximum"/>.</summary>
    public static double[] PowersOfTwo(int maximum) => Enumerable.Range(0, 31).Select(i => (double)(1L << i)).TakeWhile(v => v <= maximum).ToArray();
}
