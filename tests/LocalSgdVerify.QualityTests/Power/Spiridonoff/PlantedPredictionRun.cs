using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>
/// Runs a claim built with a deliberately wrong prediction at the quick profile, exactly as a quick `check` would (claim
/// seed from the fixed master seed, α per assertion = 1e-4 over the quick catalog's statistical assertions), and prints
/// the verdict, the assertions and the replay seed. The power tests then require Fail.
/// </summary>
public static class PlantedPredictionRun
{
    /// <summary>Evaluates the planted claim and returns its result.</summary>
    public static ClaimResult Evaluate(IClaim claim, ITestOutputHelper output)
    {
        double alpha = ClaimRunner.AlphaPerAssertion(ClaimRunner.Budget(ClaimCatalog.All, Profile.Quick));
        ulong seed = ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id);
        var result = claim.Evaluate(new ClaimContext(Profile.Quick, seed, alpha, Environment.ProcessorCount, TestContext.Current.CancellationToken));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{claim.Id} (planted prediction) at quick: {result.Verdict}; master seed {TestSeeds.MasterSeed}, claim seed {seed}, α {alpha:G4}"));
        foreach (var a in result.Assertions)
            output.WriteLine($"  {a.Verdict}: {a.Name} = {NumberText.Compact(a.Measured.Value)} [{NumberText.Compact(a.Measured.Low ?? double.NaN)}, {NumberText.Compact(a.Measured.High ?? double.NaN)}] vs {a.Predicted.Description}");
        return result;
    }

    /// <summary>Asserts the claim failed and that the named assertion is among the failing ones.</summary>
    public static void AssertFails(ClaimResult result, string assertionNameFragment)
    {
        Assert.True(result.Verdict == Verdict.Fail, $"the planted wrong prediction was not caught: verdict {result.Verdict}");
        Assert.Contains(result.Assertions, a => a.Verdict == Verdict.Fail && a.Name.Contains(assertionNameFragment, StringComparison.Ordinal));
    }
}
