using FsCheck;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>Derandomized FsCheck configuration for the statistics properties: the suite's fixed replay seed.</summary>
internal static class PropertyChecks
{
    internal static readonly Config Configuration = TestSeeds.Properties(200).WithQuietOnSuccess(true);

    internal static void Verify(Property property) => Check.One(Configuration, property);
}
