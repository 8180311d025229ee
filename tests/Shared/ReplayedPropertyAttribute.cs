using System.Globalization;
using FsCheck.Xunit;

namespace LocalSgdVerify.TestSupport;

/// <summary>
/// FsCheck's <c>[Property]</c> under the derandomized profile of <see cref="TestSeeds"/>: every run starts from the
/// replay pair in force (the fixed one, or LOCALSGD_PROPERTY_REPLAY="seed,gamma"), so a property fails the same way on
/// every rerun and FsCheck's failure message names the pair that replays it. Set <c>MaxTest</c> and
/// <c>Arbitrary</c> as on <c>[Property]</c>.
/// </summary>
// xUnit3003 asks for a constructor that passes the caller's file and line on; FsCheck's PropertyAttribute takes none.
#pragma warning disable xUnit3003
public sealed class ReplayedPropertyAttribute : PropertyAttribute
{
    /// <summary>Takes the replay pair from <see cref="TestSeeds.PropertyReplay"/>.</summary>
    public ReplayedPropertyAttribute()
    {
        var (seed, gamma) = TestSeeds.PropertyReplay;
        Replay = string.Create(CultureInfo.InvariantCulture, $"{seed},{gamma}");
        QuietOnSuccess = true;
    }
}
#pragma warning restore xUnit3003
