using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.ChartGenerators;

namespace LocalSgdVerify.Tests.Charts;

public sealed class TickGeneratorTests
{
    private static readonly int[] OneTwoFive = [1, 2, 5];

    [Fact]
    public void UnitIntervalGetsTicksEveryFifth()
    {
        TickSet ticks = TickGenerator.Linear(0, 1);
        Assert.Equal(TickSpacing.Step, ticks.Spacing);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], ticks.Major);
        Assert.Equal(0.2, ticks.Step);
        Assert.Empty(ticks.Minor);
    }

    [Theory]
    [InlineData(-0.05, 1.05, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(-5, 105, new double[] { 0, 20, 40, 60, 80, 100 })]
    [InlineData(3, 97, new double[] { 20, 40, 60, 80 })]
    [InlineData(0, 7, new double[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(-3.5, -0.5, new[] { -3.5, -3, -2.5, -2, -1.5, -1, -0.5 })]
    [InlineData(0.01, 1.02, new[] { 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(1e6, 1e6 + 10, new double[] { 1e6, 1e6 + 2, 1e6 + 4, 1e6 + 6, 1e6 + 8, 1e6 + 10 })]
    public void LinearHandComputedCases(double minimum, double maximum, double[] expected)
    {
        // Steps by hand: span/5 = 0.22 → 0.2; 22 → 20; 18.8 → 20; 1.4 (< √2) → 1; 0.6 (≥ √10·0.1) → 0.5;
        // 0.202 → 0.2; 2 → 2.
        Assert.Equal(expected, TickGenerator.Linear(minimum, maximum).Major);
    }

    [Fact]
    public void LogOneToThousandGetsTheDecadesAndMinorTicksTwoToNine()
    {
        TickSet ticks = TickGenerator.Log10(1, 1000);
        Assert.Equal(TickSpacing.Decades, ticks.Spacing);
        Assert.Equal([1, 10, 100, 1000], ticks.Major);
        double[] expectedMinor = [.. new[] { 1, 10, 100 }.SelectMany(decade => Enumerable.Range(2, 8).Select(m => m * decade)).Select(v => (double)v)];
        Assert.Equal(expectedMinor, ticks.Minor);
    }

    [Fact]
    public void LogRangeOverManyDecadesIsThinnedToEveryFifthDecade()
    {
        // 25 decades: every decade gives 25 ticks and every second 13, both over 10; every fifth gives 5.
        TickSet ticks = TickGenerator.Log10(1e-12, 1e12);
        Assert.Equal(TickSpacing.Decades, ticks.Spacing);
        Assert.Equal(5, ticks.Step);
        Assert.Equal([1e-10, 1e-5, 1, 1e5, 1e10], ticks.Major);
        Assert.Contains(1e-12, ticks.Minor);
        Assert.DoesNotContain(1e-10, ticks.Minor);
    }

    [Fact]
    public void LogRangeOfTwoDecadesUsesOneTwoFive()
    {
        TickSet ticks = TickGenerator.Log10(0.5, 50);
        Assert.Equal(TickSpacing.OneTwoFive, ticks.Spacing);
        Assert.Equal([0.5, 1, 2, 5, 10, 20, 50], ticks.Major);
        Assert.Contains(3, ticks.Minor);
        Assert.Contains(40, ticks.Minor);
    }

    [Fact]
    public void LogRangeUnderAFactorFiveFallsBackToLinearSteps()
    {
        // Only 2 and 5 are 1-2-5 values in [2, 8]; the linear rule gives span/5 = 1.2 → step 1.
        TickSet ticks = TickGenerator.Log10(2, 8);
        Assert.Equal(TickSpacing.Step, ticks.Spacing);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], ticks.Major);
    }

    [Fact]
    public void LinearTicksAreExactlyAllMultiplesOfAOneTwoFiveStepInsideTheRange()
    {
        Arbitrary<(decimal Minimum, decimal Maximum)> ranges = LinearRange.ToArbitrary();
        Prop.ForAll(ranges, range =>
        {
            TickSet ticks = TickGenerator.Linear(ToDouble(range.Minimum), ToDouble(range.Maximum));
            decimal step = decimal.Parse(ticks.Step.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

            // Independent expectation in exact decimal arithmetic: every integer multiple of the step in the range.
            var expected = new List<double>();
            for (decimal multiple = Math.Ceiling(range.Minimum / step); multiple * step <= range.Maximum; multiple++)
            {
                expected.Add(ToDouble(multiple * step));
            }

            return ticks.Spacing == TickSpacing.Step
                && OneTwoFive.Contains(NormalisedMantissa(step))
                && ticks.Major.SequenceEqual(expected)
                && ticks.Major.Length is >= 3 and <= 8;
        }).Check(ChartProperties.Runs(1000));
    }

    [Fact]
    public void LogTicksArePowersOfTenWhenThreeOrMoreLieInTheRangeElseOneTwoFiveValues()
    {
        Arbitrary<(decimal Minimum, decimal Maximum)> ranges = LogRange.ToArbitrary();
        Prop.ForAll(ranges, range =>
        {
            double minimum = ToDouble(range.Minimum);
            double maximum = ToDouble(range.Maximum);
            TickSet ticks = TickGenerator.Log10(minimum, maximum);
            List<double> powers = NiceValuesInside(range, [1]);
            List<double> oneTwoFive = NiceValuesInside(range, OneTwoFive);

            bool shapeHolds = ticks.Spacing switch
            {
                TickSpacing.Decades => powers.Count >= 3
                    && ticks.Major.All(powers.Contains)
                    && (powers.Count > 10 || ticks.Major.SequenceEqual(powers)),
                TickSpacing.OneTwoFive => powers.Count < 3 && ticks.Major.SequenceEqual(oneTwoFive),
                _ => oneTwoFive.Count < 3,
            };
            return shapeHolds
                && ticks.Major.Length is >= 3 and <= 10
                && IsStrictlyIncreasingInside(ticks.Major, minimum, maximum)
                && IsStrictlyIncreasingInside(ticks.Minor, minimum, maximum)
                && !ticks.Minor.Intersect(ticks.Major).Any();
        }).Check(ChartProperties.Runs(1000));
    }

    [Fact]
    public void TickLabelsAreDistinctAndReadBackAsTheTickValue()
    {
        Arbitrary<(bool Log, (decimal Minimum, decimal Maximum) Range)> cases =
            (from log in Gen.Elements(true, false)
             from linear in LinearRange
             from logRange in LogRange
             select (log, log ? logRange : linear)).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            TickSet ticks = TickGenerator.For(c.Log ? ScaleKind.Log10 : ScaleKind.Linear, ToDouble(c.Range.Minimum), ToDouble(c.Range.Maximum));
            List<string> labels = [.. ticks.Major.Select(TickLabelFormatter.Format)];
            bool readBack = ticks.Major.Zip(labels).All(pair =>
                Math.Abs(double.Parse(pair.Second, CultureInfo.InvariantCulture) - pair.First) <= 1e-11 * Math.Abs(pair.First));
            return readBack && labels.Distinct().Count() == labels.Count;
        }).Check(ChartProperties.Runs(1000));
    }

    private static int NormalisedMantissa(decimal step)
    {
        while (step >= 10)
        {
            step /= 10;
        }

        while (step < 1)
        {
            step *= 10;
        }

        return step == decimal.Truncate(step) ? (int)step : -1;
    }

    private static List<double> NiceValuesInside((decimal Minimum, decimal Maximum) range, int[] mantissas)
    {
        var values = new List<double>();
        for (int exponent = -10; exponent <= 22; exponent++)
        {
            foreach (int mantissa in mantissas)
            {
                decimal value = Scaled(mantissa, exponent);
                if (value >= range.Minimum && value <= range.Maximum)
                {
                    values.Add(ToDouble(value));
                }
            }
        }

        return values;
    }

    private static bool IsStrictlyIncreasingInside(IReadOnlyList<double> values, double minimum, double maximum) =>
        values.All(value => value >= minimum && value <= maximum)
        && values.Zip(values.Skip(1)).All(pair => pair.First < pair.Second);
}
