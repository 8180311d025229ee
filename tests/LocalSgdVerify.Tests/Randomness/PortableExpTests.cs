using System.Globalization;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>
/// <see cref="PortableMath.Exp"/>: accuracy against Math.Exp over the whole finite range (normal and subnormal
/// results), its special values, and bit identity of the AVX-512 mirror that the smooth function's kernel uses.
/// </summary>
public class PortableExpTests(ITestOutputHelper output)
{
    // Stated bound (PortableMath.Exp's doc comment). Math.Exp itself is within about 0.5 ulp, so 2 ulp between them
    // leaves our function within 2.5 ulp of e^x.
    private const double ExpUlpBound = 2;

    // x = m·2^-20 for integers m: every 2^-20 step of [−745, 709.78], where e^x runs from 5e-324 to 1.8e308.
    private static readonly Gen<double> FiniteArgument =
        from m in Gen.Choose(-745 << 20, 709 << 20)
        from fraction in Gen.Choose(0, (1 << 20) - 1)
        select (double)m / (1 << 20) + fraction * Math.Pow(2, -40);

    // Arguments near 0, where e^x ≈ 1 + x and relative accuracy of the reduction matters.
    private static readonly Gen<double> SmallArgument =
        from mantissa in Gen.Choose(1, int.MaxValue)
        from exponent in Gen.Choose(-60, -1)
        from negative in Gen.Elements(true, false)
        select (negative ? -1 : 1) * mantissa * Math.Pow(2, exponent - 31);

    [Fact]
    public void ExpIsWithinTwoUlpOfMathExpOverTheFiniteRange()
    {
        UlpDistance.CheckWithin(FiniteArgument, PortableMath.Exp, Math.Exp, ExpUlpBound, 5000);
    }

    [Fact]
    public void ExpIsWithinTwoUlpOfMathExpNextToZero()
    {
        UlpDistance.CheckWithin(SmallArgument, PortableMath.Exp, Math.Exp, ExpUlpBound, 2000);
    }

    [Fact]
    public void ExpSurveyOnTheSmoothFunctionsRangeIsWithinTheBound()
    {
        // The smooth function evaluates e^{−|x|}; its iterates live in a few units of x* ≈ −0.40.
        double worst = 0;
        for (int i = 0; i <= 1 << 20; i++)
        {
            double x = -40.0 * i / (1 << 20);
            worst = Math.Max(worst, UlpDistance.Between(PortableMath.Exp(x), Math.Exp(x)));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max ulp error of Exp over 2^20 points of [−40, 0]: {worst}"));
        Assert.True(worst <= ExpUlpBound, $"Exp max error {worst} ulp exceeds {ExpUlpBound}.");
    }

    [Fact]
    public void ExpHasMathExpsSpecialValuesAndExactPoints()
    {
        Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, PortableMath.Exp(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710.0));
        Assert.Equal(0.0, PortableMath.Exp(-746.0));
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(1.0, PortableMath.Exp(-0.0));
        // e^{k·ln 2} for integer k is 2^k up to the rounding of ln 2; these land within the bound of the exact power.
        Assert.True(UlpDistance.Between(PortableMath.Exp(-1074 * Math.Log(2)), double.Epsilon) <= 1);
        Assert.True(UlpDistance.Between(PortableMath.Exp(1), Math.E) <= ExpUlpBound);
    }

    [Fact]
    public void Vector512LanesEqualScalarBits()
    {
        if (!SimdPaths.IsSupported(SimdPath.Vector512))
        {
            Assert.Skip("AVX-512F/DQ not present on this processor.");
        }
        Prop.ForAll(Gen.ArrayOf(Gen.OneOf(FiniteArgument, SmallArgument), 8).ToArbitrary(), inputs =>
            {
                Vector512<double> exps = PortableMathVector512.ExpOfFinite(Vector512.Create(inputs));
                for (int lane = 0; lane < 8; lane++)
                {
                    if (BitConverter.DoubleToUInt64Bits(exps[lane]) != BitConverter.DoubleToUInt64Bits(PortableMath.Exp(inputs[lane])))
                    {
                        return false;
                    }
                }
                return true;
            })
            .Check(RandomnessPropertyConfig.Create(1000));
    }
}
