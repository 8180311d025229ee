using System.Runtime.InteropServices;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM during a long command (check, validate): instead of ending the process it cancels
/// <see cref="Token"/>, so the command stops cleanly (an incomplete report, the implementation terminated) and
/// exits with 128 + the signal's number (<see cref="ExitCode"/>). A second signal is not caught again, so it ends
/// the process at once. Only the real console is hooked, and only until disposal; callers that pass their own
/// writers (tests) stop the command through the token they pass.
/// </summary>
public sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly List<PosixSignalRegistration> registrations = [];
    private int received;

    /// <summary>Links SIGINT and SIGTERM to a token that also follows <paramref name="cancellation"/>; <paramref name="notice"/>, if any, goes to <paramref name="error"/> on the first signal.</summary>
    public ConsoleInterrupt(TextWriter error, CancellationToken cancellation, string? notice = null)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (!ReferenceEquals(error, Console.Error)) return;
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    if (Interlocked.CompareExchange(ref received, Number(context.Signal), 0) != 0) return;
                    context.Cancel = true;
                    source.Cancel();
                    if (notice is not null) error.WriteLine($"{notice} ({Name(context.Signal)})");
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM cannot be caught on this platform: it ends the process as before.
            }
        }
    }

    /// <summary>Cancelled by a signal or by the caller's token.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>
    /// The exit code for a stopped run: 143 (128 + 15) after SIGTERM, otherwise <see cref="ExitCodes.Interrupted"/>
    /// (130, Ctrl-C or the caller's token).
    /// </summary>
    public int ExitCode => received == 15 ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>"Ctrl-C" or "SIGTERM": what stopped the run, for its last message.</summary>
    public string Cause => received == 15 ? "SIGTERM" : "Ctrl-C";

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }

    private static int Number(PosixSignal signal) => signal == PosixSignal.SIGTERM ? 15 : 2;

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C";
}
