using FsCheck;
using Microsoft.FSharp.Core;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>
/// Derandomized FsCheck configuration for the statistics properties: a fixed replay seed so a failure replays
/// exactly. (The suite-wide seed lives in the lead's TestSeeds; this folder keeps its own until they are wired.)
/// </summary>
internal static class PropertyChecks
{
    /// <summary>Replay seed; the gamma must be odd.</summary>
    internal const ulong Seed = 0x5EED_0000_0000_0601UL;
    internal const ulong Gamma = 0x9E37_79B9_7F4A_7C15UL;

    internal static readonly Config Configuration = Config.QuickThrowOnFailure
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None)))
        .WithMaxTest(200)
        .WithQuietOnSuccess(true);

    internal static void Verify(Property property) => Check.One(Configuration, property);
}
