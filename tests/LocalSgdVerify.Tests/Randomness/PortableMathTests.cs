using System.Globalization;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>
/// Accuracy of <see cref="PortableMath"/> against the runtime's correctly-rounded-in-practice Math.Log and a
/// double-double reduction of Math.SinCos, and bit-identity of its vector versions with the scalar code.
/// </summary>
public class PortableMathTests(ITestOutputHelper output)
{
    // Stated bounds (PortableMath's doc comment); the measured maxima are printed by the survey tests below.
    private const double LogUlpBound = 1;
    private const double SinCosUlpBound = 2;

    private static readonly Gen<double> PositiveNormal =
        from exponent in Gen.Choose(-1022, 1023)
        from high in Gen.Choose(0, (1 << 26) - 1)
        from low in Gen.Choose(0, (1 << 26) - 1)
        select BitConverter.UInt64BitsToDouble(((ulong)(exponent + 1023) << 52) | ((ulong)(uint)high << 26) | (uint)low);

    // The uniforms the generator feeds to the logarithm, (k + 1)·2^-53, and to sincos, k·2^-53, with k < 2^53.
    private static readonly Gen<ulong> FiftyThreeBits =
        from high in Gen.Choose(0, (1 << 27) - 1)
        from low in Gen.Choose(0, (1 << 26) - 1)
        select ((ulong)(uint)high << 26) | (uint)low;

    private static readonly Gen<double> UnitUniform =
        from k in FiftyThreeBits
        from scale in Gen.Choose(0, 52) // also exercise the dense region near 0
        select (double)(k >> scale) * NormalPairs.TwoPowMinus53;

    [Fact]
    public void LogIsWithinOneUlpOfMathLogOnPositiveNormals()
    {
        UlpDistance.CheckWithin(PositiveNormal, PortableMath.Log, Math.Log, LogUlpBound, 2000);
    }

    [Fact]
    public void LogIsWithinOneUlpOfMathLogOnGeneratorUniforms()
    {
        var uniforms = FiftyThreeBits.Select(k => (double)(k + 1) * NormalPairs.TwoPowMinus53);
        UlpDistance.CheckWithin(uniforms, PortableMath.Log, Math.Log, LogUlpBound, 2000);
    }

    [Fact]
    public void LogHandlesSpecialValuesLikeMathLog()
    {
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.True(double.IsNaN(PortableMath.Log(-1.0)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NegativeInfinity)));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0.0));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(-0.0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Log(double.PositiveInfinity));
        Assert.Equal(0.0, PortableMath.Log(1.0));
        // Subnormals: the smallest one is 2^-1074, ln = −1074 ln 2 = −744.4400719213812.
        Assert.True(UlpDistance.Between(PortableMath.Log(double.Epsilon), -744.4400719213812) <= LogUlpBound);
        Assert.True(UlpDistance.Between(PortableMath.Log(1e-310), Math.Log(1e-310)) <= LogUlpBound);
    }

    [Fact]
    public void LogIsAccurateNextToOne()
    {
        // ln(1 ± k·2^-52) ≈ ±k·2^-52: relative accuracy matters for the smallest Box–Muller radii.
        double worst = 0;
        for (int k = -100_000; k <= 100_000; k++)
        {
            double x = 1.0 + k * Math.Pow(2, k < 0 ? -53 : -52);
            if (x == 1.0)
            {
                Assert.Equal(0.0, PortableMath.Log(x));
                continue;
            }
            worst = Math.Max(worst, UlpDistance.Between(PortableMath.Log(x), Math.Log(x)));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max ulp error of Log next to 1: {worst}"));
        Assert.True(worst <= LogUlpBound, $"Log next to 1 is off by {worst} ulp; bound {LogUlpBound}.");
    }

    [Fact]
    public void SinCosTwoPiIsWithinTwoUlpOfTheReference()
    {
        Prop.ForAll(UnitUniform.ToArbitrary(), u =>
            {
                (double sin, double cos) = PortableMath.SinCosTwoPi(u);
                (double sinReference, double cosReference) = PortableMathReference.SinCosTwoPi(u);
                return UlpDistance.Between(sin, sinReference) <= SinCosUlpBound
                    && UlpDistance.Between(cos, cosReference) <= SinCosUlpBound;
            })
            .Check(RandomnessPropertyConfig.Create(5000));
    }

    [Fact]
    public void SinCosTwoPiIsExactAtQuarterTurns()
    {
        Assert.Equal((0.0, 1.0), PortableMath.SinCosTwoPi(0.0));
        Assert.Equal((1.0, 0.0), PortableMath.SinCosTwoPi(0.25));
        Assert.Equal((0.0, -1.0), PortableMath.SinCosTwoPi(0.5));
        Assert.Equal((-1.0, 0.0), PortableMath.SinCosTwoPi(0.75));
        Assert.Equal((0.0, 1.0), PortableMath.SinCosTwoPi(1.0));
        // An eighth turn: both are √2/2 = 0.7071067811865476 (correctly rounded).
        (double sin, double cos) = PortableMath.SinCosTwoPi(0.125);
        Assert.True(UlpDistance.Between(sin, 0.7071067811865476) <= SinCosUlpBound);
        Assert.True(UlpDistance.Between(cos, 0.7071067811865476) <= SinCosUlpBound);
        // Where Math.Sin(2π·u) fails: u = 1/2 − 2^-53 has sin(2πu) = sin(2π·2^-53) = 6.975736996017264e-16.
        Assert.True(UlpDistance.Between(PortableMath.SinCosTwoPi(0.5 - Math.Pow(2, -53)).Sin, 6.975736996017264e-16) <= SinCosUlpBound);
    }

    [Fact]
    public void SinCosTwoPiIsPeriodicAndOddOnDyadicPoints()
    {
        // sin(2π(u + n)) = sin(2πu) exactly for the reduction on u; sin(−2πu) = −sin(2πu).
        Prop.ForAll(UnitUniform.ToArbitrary(), Gen.Choose(-1000, 1000).ToArbitrary(), (u, turns) =>
            {
                (double sin, double cos) = PortableMath.SinCosTwoPi(u);
                (double shiftedSin, double shiftedCos) = PortableMath.SinCosTwoPi(u + turns);
                (double negativeSin, double negativeCos) = PortableMath.SinCosTwoPi(-u);
                bool exactShift = u + turns - turns == u; // the shift itself must not round
                return (!exactShift || (shiftedSin == sin && shiftedCos == cos)) && negativeSin == -sin && negativeCos == cos;
            })
            .Check(RandomnessPropertyConfig.Create(2000));
    }

    [Fact]
    public void SurveyOfMaximumErrorsIsWithinTheStatedBounds()
    {
        // A deterministic sweep over the generator's domain: 2^20 evenly spread uniforms plus a fixed pseudo-random sample.
        double worstLog = 0, worstSin = 0, worstCos = 0;
        var random = new Random(20240611);
        for (int i = 0; i < 1 << 20; i++)
        {
            ulong k = i % 2 == 0 ? (ulong)i << 33 : (ulong)random.NextInt64(1L << 53);
            double uLog = (double)(k + 1) * NormalPairs.TwoPowMinus53;
            double uAngle = (double)k * NormalPairs.TwoPowMinus53;
            worstLog = Math.Max(worstLog, UlpDistance.Between(PortableMath.Log(uLog), Math.Log(uLog)));
            (double sin, double cos) = PortableMath.SinCosTwoPi(uAngle);
            (double sinReference, double cosReference) = PortableMathReference.SinCosTwoPi(uAngle);
            worstSin = Math.Max(worstSin, UlpDistance.Between(sin, sinReference));
            worstCos = Math.Max(worstCos, UlpDistance.Between(cos, cosReference));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"max ulp error over 2^20 points: Log {worstLog}, sin(2πu) {worstSin}, cos(2πu) {worstCos}"));
        Assert.True(worstLog <= LogUlpBound, $"Log max error {worstLog} ulp exceeds {LogUlpBound}.");
        Assert.True(worstSin <= SinCosUlpBound && worstCos <= SinCosUlpBound,
            $"sincos max error {worstSin}/{worstCos} ulp exceeds {SinCosUlpBound}.");
    }

    [Fact]
    public void Vector512LanesEqualScalarBits()
    {
        if (!SimdPaths.IsSupported(SimdPath.Vector512))
        {
            Assert.Skip("AVX-512F/DQ not present on this processor.");
        }
        CheckLanesEqualScalarBits(8, (logInputs, angleInputs) =>
        {
            PortableMathVector512.SinCosTwoPi(Vector512.Create(angleInputs), out var sin, out var cos);
            return (Lanes(PortableMathVector512.LogOfNormal(Vector512.Create(logInputs))), Lanes(sin), Lanes(cos));
        });
    }

    [Fact]
    public void Vector256LanesEqualScalarBits()
    {
        if (!SimdPaths.IsSupported(SimdPath.Vector256))
        {
            Assert.Skip("AVX2/FMA not present on this processor.");
        }
        CheckLanesEqualScalarBits(4, (logInputs, angleInputs) =>
        {
            PortableMathVector256.SinCosTwoPi(Vector256.Create(angleInputs), out var sin, out var cos);
            return (Lanes(PortableMathVector256.LogOfNormal(Vector256.Create(logInputs))), Lanes(sin), Lanes(cos));
        });
    }

    // Every lane of a vector path's log and sincos has the scalar code's bits.
    private static void CheckLanesEqualScalarBits(int lanes, Func<double[], double[], (double[] Logs, double[] Sin, double[] Cos)> vectorPath)
    {
        Prop.ForAll(Gen.ArrayOf(PositiveNormal, lanes).ToArbitrary(), Gen.ArrayOf(UnitUniform, lanes).ToArbitrary(), (logInputs, angleInputs) =>
            {
                var (logs, sin, cos) = vectorPath(logInputs, angleInputs);
                for (int lane = 0; lane < lanes; lane++)
                {
                    PortableMath.SinCosTwoPi(angleInputs[lane], out double scalarSin, out double scalarCos);
                    if (BitConverter.DoubleToUInt64Bits(logs[lane]) != BitConverter.DoubleToUInt64Bits(PortableMath.LogOfNormal(logInputs[lane]))
                        || BitConverter.DoubleToUInt64Bits(sin[lane]) != BitConverter.DoubleToUInt64Bits(scalarSin)
                        || BitConverter.DoubleToUInt64Bits(cos[lane]) != BitConverter.DoubleToUInt64Bits(scalarCos))
                    {
                        return false;
                    }
                }
                return true;
            })
            .Check(RandomnessPropertyConfig.Create(500));
    }

    private static double[] Lanes(Vector512<double> vector)
    {
        var lanes = new double[Vector512<double>.Count];
        vector.CopyTo(lanes);
        return lanes;
    }

    private static double[] Lanes(Vector256<double> vector)
    {
        var lanes = new double[Vector256<double>.Count];
        vector.CopyTo(lanes);
        return lanes;
    }
}
