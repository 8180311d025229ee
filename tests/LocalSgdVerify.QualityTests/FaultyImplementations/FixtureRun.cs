using System.Collections.Concurrent;
using System.Globalization;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>
/// Starts one fixture implementation, drives a handshake and an oracle run, and keeps what the tests inspect:
/// the outcome, the child's pid, its stderr lines.
/// </summary>
internal sealed class FixtureRun : IAsyncDisposable
{
    /// <summary>The run every faulty fixture receives: d = 2 (so index 1 exists), N = 2, T = 3, averaging after steps 1 and 3.</summary>
    internal static RunMessage StandardRun { get; } = new("fixture-run", 2, 2, 3, [1.0, 2.0], [0.5, 0.25, 0.125],
        new CommunicationSchedule("explicit", ProtocolJson.EmptyObject, [1, 3]), OutputIterateNames.LastAverage);

    private FixtureRun(ImplementationProcess process, ProtocolSession session, ConcurrentQueue<string> standardError)
    {
        Process = process;
        Session = session;
        StandardError = standardError;
    }

    internal ImplementationProcess Process { get; }

    internal ProtocolSession Session { get; }

    internal ConcurrentQueue<string> StandardError { get; }

    internal static FixtureRun Start(string commandLine, TimeSpan? messageTimeout = null, TransportLimits? limits = null,
        bool useShell = false, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var standardError = new ConcurrentQueue<string>();
        var process = ImplementationProcess.Start(new ProcessOptions
        {
            CommandLine = commandLine,
            UseShell = useShell,
            WorkingDirectory = workingDirectory,
            Environment = environment ?? new Dictionary<string, string?>(),
            Limits = limits ?? TransportLimits.Default,
            StandardErrorLine = standardError.Enqueue,
        });
        var session = new ProtocolSession(process, new SessionOptions
        {
            MessageTimeout = messageTimeout ?? TimeSpan.FromSeconds(20),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return new FixtureRun(process, session, standardError);
    }

    /// <summary>Handshake, then (if it succeeded) one oracle run answered with g = x; returns the first error, or null.</summary>
    internal async Task<ProtocolError?> HandshakeAndRunAsync(RunMessage? run = null)
    {
        var hello = await Session.HandshakeAsync();
        if (!hello.Succeeded) return hello.Error;
        var outcome = await Session.RunOracleAsync(run ?? StandardRun, query => (double[])query.Point.Clone());
        return outcome.Error;
    }

    /// <summary>The pid a fixture announced on stderr as "grandchild PID" (waits for the line to arrive).</summary>
    internal async Task<int> GrandchildAsync()
    {
        for (var attempt = 0; attempt < 3000; attempt++) // up to a minute: a loaded machine may start the fixture slowly
        {
            var line = StandardError.FirstOrDefault(text => text.StartsWith("grandchild ", StringComparison.Ordinal));
            if (line is not null) return int.Parse(line["grandchild ".Length..], CultureInfo.InvariantCulture);
            await Task.Delay(20);
        }
        throw new TimeoutException("the fixture never announced its grandchild; stderr: " + string.Join(" | ", StandardError));
    }

    public async ValueTask DisposeAsync() => await Session.DisposeAsync();
}
