using System.Globalization;
using System.Text.RegularExpressions;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Text;
using Xunit;

namespace LocalSgdVerify.TestSupport;

/// <summary>
/// Runs one claim the way <c>localsgd-verify check --profile quick</c> does: the claim's own seed from the fixed master
/// seed and, unless a test states its own, the share of the run's total false-fail rate 1e-4 that a whole-catalog quick
/// run gives each statistical assertion. Prints what the claim measured and the seed that replays it, and finds
/// assertions by their <see cref="AssertionResult.Id"/>.
/// </summary>
public static partial class ClaimRuns
{
    /// <summary>
    /// α = 1e-6 per statistical assertion, the share of 1e-4 over a catalog of up to 100 assertions, for tests whose
    /// verdicts must not move when the catalog grows: a correct claim fails such a test with probability at most 1e-6
    /// per assertion.
    /// </summary>
    public const double FixedAlpha = 1e-6;

    /// <summary>α per statistical assertion of a whole-catalog quick run (ClaimRunner's own budget).</summary>
    public static double QuickCatalogAlpha => ClaimRunner.AlphaPerAssertion(ClaimRunner.Budget(ClaimCatalog.All, Profile.Quick));

    /// <summary>Evaluates <paramref name="claim"/> at the quick profile and writes its verdict, assertions and replay seed to the test output.</summary>
    public static ClaimResult Quick(IClaim claim, ITestOutputHelper output, double? alpha = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(output);
        ulong seed = ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id);
        double share = alpha ?? QuickCatalogAlpha;
        var result = claim.Evaluate(new ClaimContext(Profile.Quick, seed, share, Environment.ProcessorCount, TestContext.Current.CancellationToken) { ClaimId = claim.Id });
        output.WriteLine(Describe(claim, result, seed, share));
        return result;
    }

    /// <summary>The claim's verdict, headline, assertions (with their ids) and replay seed in a few lines.</summary>
    public static string Describe(IClaim claim, ClaimResult result, ulong seed, double alpha)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{claim.Id} at quick: {result.Verdict}; replay with master seed {TestSeeds.MasterSeed} (claim seed {seed}), α per assertion {alpha:G4}"),
            $"measured {result.Measured.Name} = {Show(result.Measured)}; predicted {result.Predicted.Description}; margin {NumberText.Compact(result.Margin)}",
        };
        lines.AddRange(result.Assertions.Select(a => $"  {a.Verdict} [{a.Id}]: {a.Name} = {Show(a.Measured)} vs {a.Predicted.Description} (margin {NumberText.Compact(a.Margin)})"));
        lines.AddRange(result.Evidence.Select(e => "  " + e));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The one assertion with the given id; fails naming the ids there are.</summary>
    public static AssertionResult Assertion(ClaimResult result, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        var matches = result.Assertions.Where(a => a.Id == id).ToList();
        Assert.True(matches.Count == 1, $"{result.Id}: expected one assertion '{id}', found {matches.Count}; ids: {string.Join(", ", result.Assertions.Select(a => a.Id))}");
        return matches[0];
    }

    /// <summary>Asserts the claim failed and that the assertion with the given id is among the failing ones.</summary>
    public static void AssertFails(ClaimResult result, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.True(result.Verdict == Verdict.Fail, $"the planted wrong prediction was not caught: verdict {result.Verdict}");
        Assert.Equal(Verdict.Fail, Assertion(result, id).Verdict);
    }

    /// <summary>The claim's design must count exactly the assertions that spend the error budget.</summary>
    public static void AssertBudgetIsHonest(IClaim claim, ClaimResult result)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        int statistical = result.Assertions.Count(a => a.Alpha is not null);
        Assert.True(claim.Design(Profile.Quick).Assertions == statistical,
            $"{claim.Id}: Design(quick) declares {claim.Design(Profile.Quick).Assertions} statistical assertions but the result has {statistical} with an α");
    }

    /// <summary>Every assertion carries an id, a short kebab-case key, and no two share one.</summary>
    public static void AssertIdsAreKeys(ClaimResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.All(result.Assertions, a => Assert.True(a.Id is not null && KebabCase().IsMatch(a.Id), $"{result.Id}: assertion '{a.Name}' has id '{a.Id}', not a kebab-case key"));
        var repeated = result.Assertions.GroupBy(a => a.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{result.Id}: ids used more than once: {string.Join(", ", repeated)}");
    }

    private static string Show(Quantity quantity) => quantity.Low is double low && quantity.High is double high
        ? $"{NumberText.Compact(quantity.Value)} [{NumberText.Compact(low)}, {NumberText.Compact(high)}]"
        : NumberText.Compact(quantity.Value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
