using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>
/// The control group for the faulty fixtures: correct implementations in child processes must pass end to end,
/// so a rejection of a faulty one is not an artefact of the process handling.
/// </summary>
public sealed class CorrectImplementationTests
{
    private static readonly TimeSpan DeathLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RunMessage ExampleRun(int[] syncSteps) => new("example", 1, 2, 2, [0.0], [0.5, 0.5],
        new CommunicationSchedule("explicit", ProtocolJson.EmptyObject, syncSteps), OutputIterateNames.LastAverage);

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("")]
    [InlineData("--batch")]
    [InlineData("--sync-reports")]
    public async Task EchoImplementationCompletesRunAndShutsDownCleanly(string arguments)
    {
        var run = FixtureRun.Start(FixturePaths.Python("echo_ok.py", arguments));
        var queries = new List<(int Step, int Worker, double Point)>();
        var syncs = new List<SyncEvent>();
        await using (run)
        {
            var hello = await run.Session.HandshakeAsync(Token);
            Assert.True(hello.Succeeded, hello.Error?.Message);
            Assert.Equal("echo_ok", hello.Value.Implementation);
            var outcome = await run.Session.RunOracleAsync(ExampleRun([1, 2]), query =>
            {
                queries.Add((query.Step, query.Worker, query.Point[0]));
                return [1.0];
            }, syncs.Add, Token);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            Assert.Equal([0.0], outcome.Value.X);
            Assert.Equal(4, outcome.Value.GradientsServed);
            Assert.Equal([(1, 0, 0.0), (1, 1, 0.0), (2, 0, 0.0), (2, 1, 0.0)], queries);
            Assert.Equal(arguments == "--sync-reports" ? [1, 2] : [], syncs.Select(sync => sync.Step));
            var shutdown = await run.Session.ShutdownAsync(Token);
            Assert.True(shutdown.Succeeded && shutdown.Value.Clean, shutdown.ToString());
        }
        Assert.True(await ProcessLiveness.BecomesDeadAsync(run.Process.ProcessId, DeathLimit));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task LocalSgdInPythonMatchesTheSameArithmeticInCSharpBitForBit()
    {
        // d = 3, N = 3, T = 5, averaging after steps 2 and 5; gradient g = a ⊙ x + c(worker, step) with a = (1, 2, 3)
        // and a worker/step-dependent shift, so every point differs and depends on the previous ones.
        var run = new RunMessage("bits", 3, 3, 5, [1.0, -2.0, 0.5], [0.3, 0.25, 0.2, 0.15, 0.1],
            new CommunicationSchedule("explicit", ProtocolJson.Object("{\"note\":\"increasing\"}"), [2, 5]), OutputIterateNames.LastAverage);
        static double[] Oracle(int step, int worker, double[] x) =>
            [1.0 * x[0] + 0.1 * (worker + 1) / step, 2.0 * x[1] - 0.3 * worker, 3.0 * x[2] + 1.0 / (7 * step + worker)];
        var expectedPoints = new Dictionary<(int, int), double[]>();
        var expected = ReferenceLocalSgd(run, Oracle, expectedPoints);

        var fixture = FixtureRun.Start(FixturePaths.Python("local_sgd_ok.py"));
        await using (fixture)
        {
            Assert.True((await fixture.Session.HandshakeAsync(Token)).Succeeded);
            var mismatches = new List<string>();
            var outcome = await fixture.Session.RunOracleAsync(run, query =>
            {
                if (!BitsEqual(expectedPoints[(query.Step, query.Worker)], query.Point))
                    mismatches.Add($"worker {query.Worker} step {query.Step}: {string.Join(",", query.Point)}");
                return Oracle(query.Step, query.Worker, query.Point);
            }, cancellationToken: Token);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            Assert.Empty(mismatches);
            Assert.True(BitsEqual(expected, outcome.Value.X), $"python {string.Join(",", outcome.Value.X)} vs C# {string.Join(",", expected)}");
            Assert.Equal([2, 5], outcome.Value.SyncEvents.Select(sync => sync.Step));
            Assert.True((await fixture.Session.ShutdownAsync(Token)).Value!.Clean);
        }
    }

    /// <summary>Spec §1 written out: y_i = x_i − η_s g_i; after s ∈ I all workers take Σ_j y_j / N (summed in worker order).</summary>
    private static double[] ReferenceLocalSgd(RunMessage run, Func<int, int, double[], double[]> oracle, Dictionary<(int, int), double[]> pointsSeen)
    {
        var points = Enumerable.Range(0, run.Workers).Select(_ => (double[])run.X0.Clone()).ToArray();
        for (var step = 1; step <= run.Steps; step++)
        {
            for (var worker = 0; worker < run.Workers; worker++)
            {
                pointsSeen[(step, worker)] = (double[])points[worker].Clone();
                var g = oracle(step, worker, points[worker]);
                for (var k = 0; k < run.Dimension; k++) points[worker][k] -= run.StepSizes[step - 1] * g[k];
            }
            if (!run.Schedule.SyncSteps.Contains(step)) continue;
            var average = WorkerAverage.Of(points);
            points = Enumerable.Range(0, run.Workers).Select(_ => (double[])average.Clone()).ToArray();
        }
        return points[0];
    }

    private static bool BitsEqual(double[] left, double[] right) =>
        left.Length == right.Length && left.Zip(right).All(pair => BitConverter.DoubleToInt64Bits(pair.First) == BitConverter.DoubleToInt64Bits(pair.Second));

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task MegabytesOfStandardErrorNeitherBlockTheChildNorGetLost()
    {
        const int bytes = 8_000_000;
        var run = FixtureRun.Start(FixturePaths.Python("echo_ok.py", "--stderr-bytes " + bytes));
        await using (run)
        {
            Assert.True((await run.Session.HandshakeAsync(Token)).Succeeded);
            Assert.True((await run.Session.ShutdownAsync(Token)).Value!.Clean);
        }
        // Every chatter line reached the log (line length 16·64 − 1 characters plus the newline).
        var lineLength = "stderr chatter ".Length * 64;
        Assert.Equal((bytes + lineLength) / (lineLength + 1), run.StandardError.Count(line => line.StartsWith("stderr chatter", StringComparison.Ordinal)));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task RelativeScriptRunsInTheGivenWorkingDirectory()
    {
        var run = FixtureRun.Start("python3 echo_ok.py", workingDirectory: FixturePaths.Directory);
        await using (run)
        {
            Assert.True((await run.Session.HandshakeAsync(Token)).Succeeded);
            Assert.True((await run.Session.RunOracleAsync(ExampleRun([2]), _ => [0.0], cancellationToken: Token)).Succeeded);
        }
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ShellOptionAndEnvironmentReachTheChild()
    {
        // The shell expands the variable set through ProcessOptions.Environment into the hello's version field.
        var run = FixtureRun.Start(
            "read -r hello; echo \"{\\\"type\\\":\\\"hello\\\",\\\"protocol_version\\\":\\\"$PROTOCOL_UNDER_TEST\\\",\\\"implementation\\\":\\\"sh\\\"}\"; sleep 30",
            useShell: true, environment: new Dictionary<string, string?> { ["PROTOCOL_UNDER_TEST"] = "7" });
        await using (run)
        {
            var error = Assert.IsType<HandshakeMismatch>((await run.Session.HandshakeAsync(Token)).Error);
            Assert.Equal("7", error.Received);
        }
        Assert.True(await ProcessLiveness.BecomesDeadAsync(run.Process.ProcessId, DeathLimit));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task BlackboxRunThroughAProcess()
    {
        var run = FixtureRun.Start(FixturePaths.Python("echo_ok.py"));
        await using (run)
        {
            Assert.True((await run.Session.HandshakeAsync(Token)).Succeeded);
            var outcome = await run.Session.RunBlackboxAsync(new BlackboxRunMessage("box", new ProblemDescription("separable_quadratic",
                    ProtocolJson.Object("{\"a\":[1,2,3],\"c\":1,\"sigma\":0.5}")), 3, 20, 4, [1.0, 1.0, 1.0], [0.75, 0.5, 0.375, 0.3],
                new CommunicationSchedule("one_shot", ProtocolJson.EmptyObject, [4]), 12345, OutputIterateNames.LastAverage), cancellationToken: Token);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            Assert.Equal([1.0, 1.0, 1.0], outcome.Value.X);
        }
    }
}
