using LocalSgdVerify.Checks.Framework;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>How a check run splits its total false-fail rate: the budget counts the designs' statistical assertions.</summary>
public sealed class ClaimRunnerBudgetTests
{
    [Fact]
    public void TheRunBudgetHoldsEveryStatisticalAssertionOfTheDesignsAndSplitsAlphaEqually()
    {
        int declared = ClaimCatalog.All.Sum(claim => claim.Design(Profile.Ci).Assertions);
        var budget = ClaimRunner.Budget(ClaimCatalog.All, Profile.Ci, 1e-4);
        Assert.Equal(declared, budget.Count);
        Assert.Equal(1e-4 / declared, ClaimRunner.AlphaPerAssertion(budget));
    }

    [Fact]
    public void ARunWithoutStatisticalAssertionsKeepsAlphaWhole()
    {
        var exactOnly = ClaimCatalog.All.Where(claim => claim.Design(Profile.Quick).Assertions == 0).ToList();
        Assert.NotEmpty(exactOnly);
        Assert.Equal(1e-4, ClaimRunner.AlphaPerAssertion(ClaimRunner.Budget(exactOnly, Profile.Quick, 1e-4)));
    }
}
