using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using MathNet.Numerics.Distributions;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// The staged runner's sequential procedure (α-spending over looks at 1/16..1 of the maximum with the union bound)
/// simulated on a claim with a known answer: one assertion about the mean of normal draws, each replicate's draw a
/// function of (seed, replicate) as a simulation's is. Under the null it must fail a true claim at most at the
/// declared rate a; against a planted discrepancy it must fail at least as often as its last look alone guarantees,
/// and stop early. Each assertion here has a false-fail rate of 1e-6 (binomial acceptance regions).
/// </summary>
public sealed class SequentialStoppingTests(ITestOutputHelper output)
{
    private const int Maximum = 512;
    private const int Repetitions = 4000;
    private const double Alpha = 0.05;
    private const double TestFalseFailRate = 1e-6;

    /// <summary>
    /// "E X equals μ0" (tolerance 0: it can fail but never pass, so every run goes to the last look, the worst case
    /// for false fails) or "E X ≤ μ0" (fails when the whole interval lies above), decided on a Student t interval.
    /// </summary>
    private sealed class MeanClaim(double trueMean, bool equality) : IClaim
    {
        public string Id => "test.sequential-mean";
        public string Title => "mean of normal draws";
        public string Source => "test";
        public string Statement => equality ? "E X = 0" : "E X ≤ 0";
        public IReadOnlyList<string> Assumptions => ["X ~ N(μ, 1)"];
        public ClaimKind Kind => ClaimKind.Statistical;
        public ClaimDesign Design(Profile profile) => new("normal draws", [], [], [], Maximum, Assertions: 1);

        public ClaimResult Evaluate(ClaimContext context)
        {
            int replicates = context.Replicates(Maximum);
            double alpha = context.AlphaPerAssertion;
            ulong seed = context.Seed;
            var draws = context.PerReplicate("draws", replicates, seed, (first, count) =>
                Enumerable.Range(first, count).Select(replicate => new[] { trueMean + StandardNormal(seed, replicate) }).ToArray());
            var interval = MeanIntervals.StudentT(draws.Select(row => row[0]).ToArray(), 1 - alpha);
            var decision = equality ? VerdictRules.EqualsWithinAbsoluteTolerance(interval, 0, 0) : VerdictRules.AtMost(interval, 0);
            var assertion = Assertions.FromInterval("mean", decision, interval, "mean", new Prediction(Statement, 0, equality ? 0 : null, 0), alpha, double.NaN, id: "mean");
            return new ClaimResult(Id, decision.Verdict, assertion.Measured, assertion.Predicted, decision.Margin, [assertion], [], [], replicates);
        }
    }

    // A standard normal from (seed, replicate) alone: SplitMix64 of the pair, then Box–Muller.
    private static double StandardNormal(ulong seed, int replicate)
    {
        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        ulong a = Mix(seed ^ Mix((ulong)replicate * 2 + 1)), b = Mix(a + 0x9E3779B97F4A7C15UL);
        double u = ((a >> 11) + 1) * (1.0 / 9007199254740993.0), v = (b >> 11) * (1.0 / 9007199254740992.0);
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static (int Fails, double MeanReplicates, int[] ByLook) Simulate(double trueMean, bool equality)
    {
        var claim = new MeanClaim(trueMean, equality);
        int fails = 0;
        long used = 0;
        var byReplicates = new SortedDictionary<int, int>();
        for (int repetition = 0; repetition < Repetitions; repetition++)
        {
            var options = new CheckOptions(Profile.Quick, TestSeeds.MasterSeed + (ulong)repetition);
            var result = ClaimRunner.Staged(claim, options, Alpha, MeasurementStore.Caching());
            if (result.Verdict == Verdict.Fail)
            {
                fails++;
                byReplicates[result.ReplicatesUsed] = byReplicates.GetValueOrDefault(result.ReplicatesUsed) + 1;
            }
            used += result.ReplicatesUsed;
        }
        return (fails, used / (double)Repetitions, byReplicates.Values.ToArray());
    }

    [Fact]
    public void UnderTheNullTheStagedProcedureFailsATrueClaimAtMostAtItsDeclaredRate()
    {
        var (fails, _, byLook) = Simulate(trueMean: 0, equality: true);
        int highest = CoverageCheck.HighestAccepted(Repetitions, Alpha, TestFalseFailRate);
        output.WriteLine($"false fails {fails} of {Repetitions} ({fails / (double)Repetitions:P2}) at declared a = {Alpha}; by look (first failing): {string.Join(", ", byLook)}; accepted ≤ {highest}; master seed {TestSeeds.MasterSeed}");
        // The union bound allows a; the correlated looks (they share replicates) spend less.
        Assert.True(fails <= highest, $"the sequential procedure failed a true claim {fails} times in {Repetitions}, above the {highest} a rate of {Alpha} allows (false-fail rate of this test {TestFalseFailRate})");
    }

    [Fact]
    public void AgainstAPlantedDiscrepancyItFailsAtLeastAsOftenAsItsLastLookAloneGuaranteesAndStopsEarly()
    {
        // The last look alone (all 512 replicates, two-sided interval at level 1 − 16a/31) fails "E X ≤ 0" when its lower
        // end is above 0; δ is set so that this happens with probability 0.95 in the normal approximation. Earlier looks
        // can only end a run early by failing it, or by passing it, which needs the interval's upper end below 0 and has
        // probability ≤ (a/2)(15/31) under E X = δ > 0. So power ≥ 0.95 − 15a/62; 0.93 leaves room for t against z.
        double lastLook = Alpha * 16 / 31;
        double delta = (Normal.InvCDF(0, 1, 0.95) + Normal.InvCDF(0, 1, 1 - lastLook / 2)) / Math.Sqrt(Maximum);
        var (fails, meanReplicates, byLook) = Simulate(trueMean: delta, equality: false);
        int lowest = CoverageCheck.LowestAccepted(Repetitions, 0.93, TestFalseFailRate);
        output.WriteLine($"planted δ = {delta:G4}: failed {fails} of {Repetitions} ({fails / (double)Repetitions:P2}), accepted ≥ {lowest}; mean replicates used {meanReplicates:F0} of {Maximum}; fails by look: {string.Join(", ", byLook)}");
        Assert.True(fails >= lowest, $"power {fails}/{Repetitions} below the {lowest} the last look alone guarantees");
        // Early stopping: the look at 256 replicates alone fails with probability Φ(δ√256 − z) ≈ 0.64, so the mean count
        // used stays well below the maximum (it would be 512 without stopping).
        Assert.True(meanReplicates < 0.8 * Maximum, $"mean replicates used {meanReplicates:F0} of {Maximum}: the procedure did not stop early");
    }
}
