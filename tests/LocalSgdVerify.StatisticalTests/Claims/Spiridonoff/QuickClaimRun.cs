using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>
/// Runs one claim the way <c>localsgd-verify check --profile quick</c> does: the claim's own seed from the fixed master
/// seed, and the run's total false-fail rate 1e-4 split by Bonferroni over every statistical assertion of the quick
/// catalog. Prints what the claim measured and the seed that replays it.
/// </summary>
public static class QuickClaimRun
{
    /// <summary>α per assertion of a whole-catalog quick run.</summary>
    public static double AlphaPerAssertion() => ClaimRunner.AlphaPerAssertion(ClaimRunner.Budget(ClaimCatalog.All, Profile.Quick));

    /// <summary>Evaluates <paramref name="claim"/> at the quick profile and writes its headline and assertions to the test output.</summary>
    public static ClaimResult Evaluate(IClaim claim, ITestOutputHelper output)
    {
        ulong seed = ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id);
        double alpha = AlphaPerAssertion();
        var context = new ClaimContext(Profile.Quick, seed, alpha, Environment.ProcessorCount, TestContext.Current.CancellationToken);
        var result = claim.Evaluate(context);
        output.WriteLine(Describe(claim, result, seed, alpha));
        return result;
    }

    /// <summary>The claim's verdict, headline, assertions and replay seed in a few lines.</summary>
    public static string Describe(IClaim claim, ClaimResult result, ulong seed, double alpha)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{claim.Id} at quick: {result.Verdict}; replay with master seed {TestSeeds.MasterSeed} (claim seed {seed}), α per assertion {alpha:G4}"),
            $"measured {result.Measured.Name} = {Show(result.Measured)}; predicted {result.Predicted.Description}; margin {NumberText.Compact(result.Margin)}",
        };
        lines.AddRange(result.Assertions.Select(a => $"  {a.Verdict}: {a.Name} = {Show(a.Measured)} vs {a.Predicted.Description} (margin {NumberText.Compact(a.Margin)})"));
        lines.AddRange(result.Evidence.Select(e => "  " + e));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Show(Quantity quantity) => quantity.Low is double low && quantity.High is double high
        ? $"{NumberText.Compact(quantity.Value)} [{NumberText.Compact(low)}, {NumberText.Compact(high)}]"
        : NumberText.Compact(quantity.Value);

    /// <summary>The claim's design must count exactly the assertions that spend the error budget.</summary>
    public static void AssertBudgetIsHonest(IClaim claim, ClaimResult result)
    {
        int statistical = result.Assertions.Count(a => a.Alpha is not null);
        Assert.True(claim.Design(Profile.Quick).Assertions == statistical,
            $"{claim.Id}: Design(quick) declares {claim.Design(Profile.Quick).Assertions} statistical assertions but the result has {statistical} with an α");
    }
}
