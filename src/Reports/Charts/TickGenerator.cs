using System.Collections.Immutable;
using System.Globalization;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>"Nice" tick positions for linear and log₁₀ axes.</summary>
/// <remarks>
/// Linear: the step is the s = m·10^k (m ∈ {1, 2, 5}) nearest to span/5 on a log scale (span/5 ÷ s ∈ [0.63, 1.58]),
/// made one notch finer while fewer than three multiples of s fall inside the range; so span/s &lt; 7.9 and the count
/// lies in 3..8. Ticks are k·s computed as the decimal "k·m e k" parsed once, so 0.6 is the double nearest 0.6,
/// never 3 × 0.2 = 0.6000000000000001.
/// Log₁₀: with at least three powers of ten inside the range the labelled ticks are those powers, thinned to every
/// d-th decade (d ∈ {1, 2, 5, 10, ...}) so at most ten remain, with minor ticks 2..9 × 10^k when d = 1. With fewer
/// powers the labels are 1, 2, 5 × 10^k; if even those are fewer than three (the range is less than about a factor
/// 5) the linear rule is used on the log axis.
/// </remarks>
public static class TickGenerator
{
    private const int TargetLinearCount = 5;
    private const int MinimumCount = 3;
    private const int MaximumDecadeCount = 10;
    private static readonly int[] NiceMantissas = [1, 2, 5];

    /// <summary>Ticks for the given scale over [minimum, maximum].</summary>
    /// <exception cref="ArgumentException">The range is not acceptable (see <see cref="AxisScale"/>).</exception>
    public static TickSet For(ScaleKind kind, double minimum, double maximum) =>
        kind == ScaleKind.Linear ? Linear(minimum, maximum) : Log10(minimum, maximum);

    /// <summary>Ticks at multiples of a 1-2-5 step, three to eight of them.</summary>
    public static TickSet Linear(double minimum, double maximum)
    {
        Require(ScaleKind.Linear, minimum, maximum);
        double span = maximum - minimum;
        (int mantissa, int exponent) = NearestNiceStep(span / TargetLinearCount);
        List<double> ticks = MultiplesInside(minimum, maximum, mantissa, exponent);
        while (ticks.Count < MinimumCount)
        {
            (mantissa, exponent) = NextFiner(mantissa, exponent);
            ticks = MultiplesInside(minimum, maximum, mantissa, exponent);
        }

        return new TickSet(TickSpacing.Step, [.. ticks], [], Decimal(mantissa, exponent));
    }

    /// <summary>Ticks for a log₁₀ axis: decades, else 1-2-5 values, else the linear rule.</summary>
    public static TickSet Log10(double minimum, double maximum)
    {
        Require(ScaleKind.Log10, minimum, maximum);
        int lowExponent = (int)Math.Floor(Math.Log10(minimum)) - 1;
        int highExponent = (int)Math.Ceiling(Math.Log10(maximum)) + 1;

        var decades = new List<int>();
        for (int exponent = lowExponent; exponent <= highExponent; exponent++)
        {
            double power = Decimal(1, exponent);
            if (power >= minimum && power <= maximum)
            {
                decades.Add(exponent);
            }
        }

        if (decades.Count >= MinimumCount)
        {
            return DecadeTicks(decades, minimum, maximum);
        }

        var oneTwoFive = new List<double>();
        var others = new List<double>();
        for (int exponent = lowExponent; exponent <= highExponent; exponent++)
        {
            for (int mantissa = 1; mantissa <= 9; mantissa++)
            {
                double value = Decimal(mantissa, exponent);
                if (value >= minimum && value <= maximum)
                {
                    (NiceMantissas.Contains(mantissa) ? oneTwoFive : others).Add(value);
                }
            }
        }

        if (oneTwoFive.Count >= MinimumCount)
        {
            return new TickSet(TickSpacing.OneTwoFive, [.. oneTwoFive], [.. others], 0);
        }

        return Linear(minimum, maximum);
    }

    /// <summary>The double nearest to the decimal mantissa·10^exponent (parsing is correctly rounded).</summary>
    internal static double Decimal(long mantissa, int exponent) =>
        double.Parse(
            mantissa.ToString(CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);

    private static TickSet DecadeTicks(List<int> decades, double minimum, double maximum)
    {
        int step = 1;
        while (decades.Count(exponent => exponent % step == 0) > MaximumDecadeCount)
        {
            step = NextDecadeStep(step);
        }

        ImmutableArray<double> major = [.. decades.Where(exponent => exponent % step == 0).Select(e => Decimal(1, e))];
        var minor = new List<double>();
        if (step == 1)
        {
            for (int exponent = decades[0] - 1; exponent <= decades[^1]; exponent++)
            {
                for (int mantissa = 2; mantissa <= 9; mantissa++)
                {
                    double value = Decimal(mantissa, exponent);
                    if (value >= minimum && value <= maximum)
                    {
                        minor.Add(value);
                    }
                }
            }
        }
        else if (step <= 10)
        {
            minor.AddRange(decades.Where(exponent => exponent % step != 0).Select(e => Decimal(1, e)));
        }

        return new TickSet(TickSpacing.Decades, major, [.. minor], step);
    }

    // 1, 2, 5, 10, 20, 50, ...: the same 1-2-5 rule applied to whole decades.
    private static int NextDecadeStep(int step)
    {
        int power = 1;
        while (power * 10 <= step)
        {
            power *= 10;
        }

        int mantissa = step / power;
        return mantissa == 1 ? 2 * power : mantissa == 2 ? 5 * power : 10 * power;
    }

    // The 1-2-5 step nearest to raw on a log scale: switch from 1 to 2 at √2, from 2 to 5 at √10, from 5 to 10 at √50.
    private static (int Mantissa, int Exponent) NearestNiceStep(double raw)
    {
        int exponent = (int)Math.Floor(Math.Log10(raw));
        double ratio = raw / Decimal(1, exponent);
        return ratio >= Math.Sqrt(50) ? (1, exponent + 1)
            : ratio >= Math.Sqrt(10) ? (5, exponent)
            : ratio >= Math.Sqrt(2) ? (2, exponent)
            : (1, exponent);
    }

    private static (int Mantissa, int Exponent) NextFiner(int mantissa, int exponent) => mantissa switch
    {
        5 => (2, exponent),
        2 => (1, exponent),
        _ => (5, exponent - 1),
    };

    private static List<double> MultiplesInside(double minimum, double maximum, int mantissa, int exponent)
    {
        double step = Decimal(mantissa, exponent);

        // The quotients are only a first guess: the exact membership test below decides, so rounding in
        // minimum/step cannot drop a tick that sits exactly on a range end.
        long first = (long)Math.Floor(minimum / step) - 1;
        long last = (long)Math.Ceiling(maximum / step) + 1;
        var ticks = new List<double>();
        for (long multiple = first; multiple <= last; multiple++)
        {
            double value = Decimal(multiple * mantissa, exponent);
            if (value >= minimum && value <= maximum)
            {
                ticks.Add(value);
            }
        }

        return ticks;
    }

    private static void Require(ScaleKind kind, double minimum, double maximum)
    {
        string? problem = AxisRangeRules.Describe(kind, minimum, maximum);
        if (problem is not null)
        {
            throw new ArgumentException($"Tick range [{minimum}, {maximum}] on a {kind} axis: {problem}.", nameof(minimum));
        }
    }
}
