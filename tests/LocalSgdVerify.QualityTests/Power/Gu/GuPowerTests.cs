using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Gu;

/// <summary>The checks have power: wrong drift constants and reversed orderings on the uv toy must give Fail.</summary>
public sealed class GuPowerTests
{
    private static ClaimResult Run(IClaim claim) => claim.Evaluate(new ClaimContext(Profile.Quick,
        ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id), 1e-6, 2, TestContext.Current.CancellationToken));

    [Fact]
    public void DriftMultipleTwiceTooLargeFails()
    {
        // Planted: 1 + (2K − 1)ψ_d, a local drift factor twice too strong for long rounds.
        var result = Run(new DriftClaim(8.0));
        Assert.Equal(Verdict.Fail, result.Verdict);
        // H = 1 is SGD whatever the multiple, so only the local periods' exponents and the drift ratio must fail.
        Assert.Equal(Verdict.Pass, result.Assertions.Single(a => a.Name.StartsWith("H = 1:", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("H = 100:", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("drift ratio", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void ReversedOrderingAndTooStrictVanishingFail()
    {
        // Planted: Local SGD sharper than SGD in the main regime, and "vanishes" meaning below 1% of the main advantage
        // (the short-horizon advantage is about 9% of it).
        var result = Run(new RegimeClaim(false, 0.01));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions[0].Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("small η, short horizon", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void ReversedQsrOrderingFails()
    {
        var result = Run(new QuadraticSynchronizationClaim(false));
        Assert.Equal(Verdict.Fail, result.Verdict);
    }
}
