using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Exploration;

/// <summary>
/// The claims' shrinkers are shrinkers: every candidate differs from the configuration it came from, lies inside the
/// space, never grows the sizes the search shrinks toward (d, N, the horizon's multiple), and always taking the first
/// candidate ends at a configuration with no candidate left (no cycles), in a bounded number of steps.
/// </summary>
public sealed class ShrinkerPropertyTests
{
    private const int ChainLimit = 400;

    [Fact]
    public void AsymptoticConstantShrinksTowardSmallConfigurations() =>
        Holds(AsymptoticConstantClaim.Space, (from, to) =>
            to.Setting.Curvatures.Count <= from.Setting.Curvatures.Count && to.Workers <= from.Workers);

    [Fact]
    public void S1ExactShrinksTowardSmallConfigurations() =>
        Holds(S1ExactClaim.Space, (from, to) =>
            to.Setting.Curvatures.Count <= from.Setting.Curvatures.Count && to.Workers <= from.Workers && to.RoundFactor <= from.RoundFactor);

    [Fact]
    public void S2ShrinksTowardSmallConfigurations() =>
        Holds(S2Claim.Space, (from, to) => to.Workers <= from.Workers && to.Steps <= from.Steps && to.Lagging == from.Lagging);

    private static void Holds<T>(AssumptionSpace<T> space, Func<T, T, bool> noLarger) where T : notnull =>
        Prop.ForAll(space.Generator.ToArbitrary(), configuration =>
        {
            Assert.True(space.Admits(configuration), $"drawn outside the space: {space.Describe(configuration)}");
            foreach (T candidate in space.Shrink(configuration))
            {
                Assert.NotEqual(space.Describe(configuration), space.Describe(candidate));
                Assert.True(space.Admits(candidate), $"shrink candidate outside the space: {space.Describe(candidate)}");
                Assert.True(noLarger(configuration, candidate), $"{space.Describe(candidate)} is larger than {space.Describe(configuration)}");
            }
            var current = configuration;
            int steps = 0;
            while (space.Shrink(current).FirstOrDefault() is { } next)
            {
                current = next;
                Assert.True(++steps <= ChainLimit, $"the first-candidate chain from {space.Describe(configuration)} did not end within {ChainLimit} steps (a cycle?)");
            }
        }).Check(TestSeeds.Properties(60));
}
