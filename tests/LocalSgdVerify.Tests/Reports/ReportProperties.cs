using FsCheck;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Runs a report property from the suite's fixed replay seed (derandomized; FsCheck prints the replay pair on failure).</summary>
internal static class ReportProperties
{
    public static void Verify(this Property property, int tests) => Check.One(TestSeeds.Properties(tests).WithQuietOnSuccess(true), property);
}
