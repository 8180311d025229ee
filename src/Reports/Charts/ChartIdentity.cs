using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Default id prefix of a chart: "chart-" and eight hex digits of a 64-bit FNV-1a hash of its content
/// (title, axes, every series name and value bit pattern, reference lines, notes, size), so two different charts
/// inlined into one page do not share clip-path ids, and one chart always gets the same id.</summary>
internal static class ChartIdentity
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static string IdPrefix(Chart chart)
    {
        ulong hash = OffsetBasis;
        Add(ref hash, chart.Title);
        AddAxis(ref hash, chart.XAxis);
        AddAxis(ref hash, chart.YAxis);
        foreach (Series series in chart.Series)
        {
            Add(ref hash, series.Name);
            Add(ref hash, (long)series.Kind);
            foreach (ImmutableArray<double> values in (ImmutableArray<double>[])[series.X, series.Y, series.Low, series.High])
            {
                Add(ref hash, values.Length);
                foreach (double value in values)
                {
                    Add(ref hash, BitConverter.DoubleToInt64Bits(value));
                }
            }
        }

        foreach (ReferenceLine line in chart.ReferenceLines)
        {
            Add(ref hash, line.GetType().Name);
            Add(ref hash, line.Label);
            double[] parameters = line switch
            {
                HorizontalReferenceLine horizontal => [horizontal.Y],
                VerticalReferenceLine vertical => [vertical.X],
                StraightReferenceLine straight => [straight.Slope, straight.Intercept],
                PowerLawReferenceLine power => [power.Exponent, power.AnchorX, power.AnchorY],
                _ => [],
            };
            foreach (double parameter in parameters)
            {
                Add(ref hash, BitConverter.DoubleToInt64Bits(parameter));
            }
        }

        foreach (Annotation annotation in chart.Annotations)
        {
            Add(ref hash, annotation.Text);
            Add(ref hash, BitConverter.DoubleToInt64Bits(annotation.X));
            Add(ref hash, BitConverter.DoubleToInt64Bits(annotation.Y));
        }

        foreach (string note in chart.Notes)
        {
            Add(ref hash, note);
        }

        Add(ref hash, chart.Size.Width);
        Add(ref hash, chart.Size.Height);
        uint folded = (uint)(hash ^ (hash >> 32));
        return "chart-" + folded.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static void AddAxis(ref ulong hash, Axis axis)
    {
        Add(ref hash, axis.Label);
        Add(ref hash, axis.Unit ?? string.Empty);
        Add(ref hash, (long)axis.Scale);
        Add(ref hash, BitConverter.DoubleToInt64Bits(axis.Range?.Minimum ?? double.NaN));
        Add(ref hash, BitConverter.DoubleToInt64Bits(axis.Range?.Maximum ?? double.NaN));
    }

    private static void Add(ref ulong hash, string text)
    {
        foreach (byte value in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ value) * Prime;
        }

        hash = (hash ^ 0xFF) * Prime;
    }

    private static void Add(ref ulong hash, long number)
    {
        for (int shift = 0; shift < 64; shift += 8)
        {
            hash = (hash ^ (byte)(number >> shift)) * Prime;
        }
    }
}
