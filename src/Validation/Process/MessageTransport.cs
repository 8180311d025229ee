using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// A JSON Lines connection to one implementation: lines to its standard input, lines from its standard output.
/// Subclasses move lines (a child process, or channels for an in-process implementation); this base class adds
/// the codec. Not thread-safe: one sender and one receiver at a time, as in <see cref="ProtocolSession"/>.
/// Every failure surfaces as a <see cref="ProtocolException"/> carrying a taxonomy error, after which the
/// implementation has been terminated.
/// </summary>
public abstract class MessageTransport : IAsyncDisposable
{
    private readonly Lock failureLock = new();
    private ProtocolError? fatalError;

    /// <summary>Creates a transport with the given limits; the session's total time starts now.</summary>
    protected MessageTransport(TransportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        Limits = limits;
        TotalTime = new CancellationTokenSource(limits.TotalTimeout);
    }

    /// <summary>The limits enforced on the implementation's output and on the session's duration.</summary>
    public TransportLimits Limits { get; }

    /// <summary>Lines received from the implementation so far (the number of the last line).</summary>
    public long LinesReceived { get; private set; }

    /// <summary>The last lines the implementation wrote to standard error (empty if none or not applicable).</summary>
    public abstract string StandardErrorTail { get; }

    /// <summary>Encodes and writes one message; fails with <see cref="MessageTimeout"/> if it cannot be written in time.</summary>
    public async ValueTask SendAsync(HarnessMessage message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var line = ProtocolCodec.Encode(message);
        await WriteLineAsync(line, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and decodes the next message, waiting at most <paramref name="timeout"/>. Throws
    /// <see cref="ProtocolException"/> with <see cref="MessageTimeout"/>, <see cref="TotalTimeout"/>,
    /// <see cref="OutputFlood"/>, <see cref="ProcessExitedEarly"/> (end of output, whatever the phase; the session
    /// turns it into <see cref="ProcessCrashed"/> mid-run) or a codec error.
    /// </summary>
    public async ValueTask<ImplementationMessage> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var line = await ReceiveLineAsync(timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return ProtocolCodec.DecodeImplementationMessage(line, LinesReceived);
        }
        catch (ProtocolException)
        {
            Terminate();
            throw;
        }
    }

    /// <summary>Reads the next non-empty line without decoding it (the same failures as <see cref="ReceiveAsync"/> except codec errors).</summary>
    public async ValueTask<string> ReceiveLineAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var line = await ReadLineAsync(timeout, cancellationToken).ConfigureAwait(false);
            LinesReceived++;
            // Blank lines carry nothing; tolerating them spares implementations that print an extra newline.
            if (!string.IsNullOrWhiteSpace(line)) return line;
        }
    }

    /// <summary>Cancelled when the session's total time (<see cref="TransportLimits.TotalTimeout"/>) runs out; the subclass disposes it.</summary>
    protected CancellationTokenSource TotalTime { get; }

    /// <summary>Set once by <see cref="DisposeAsync"/>; every later call but disposal fails.</summary>
    protected bool Disposed { get; set; }

    /// <summary>Records <paramref name="error"/> as the transport's failure (the first one recorded stays), terminates the implementation and returns the exception to throw.</summary>
    protected ProtocolException Fail(ProtocolError error)
    {
        lock (failureLock) fatalError ??= error;
        Terminate();
        return new ProtocolException(error);
    }

    /// <summary>Throws when the transport is disposed, or repeats its recorded failure.</summary>
    protected void ThrowIfFailed()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (fatalError is { } error) throw new ProtocolException(error);
    }

    /// <summary>
    /// Runs one wait of a read or write under the message timeout, the session's total time and the caller's token.
    /// Running out of either time is a failure (<see cref="TotalTimeout"/>, else <see cref="MessageTimeout"/> naming
    /// what was <paramref name="awaited"/>); the caller's cancellation terminates the implementation and propagates.
    /// </summary>
    protected async Task<T> WithinTimeAsync<T>(Func<CancellationToken, Task<T>> wait, TimeSpan timeout, string awaited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, TotalTime.Token, cancellationToken);
        try
        {
            return await wait(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(TotalTime.IsCancellationRequested ? new TotalTimeout(Limits.TotalTimeout) : new MessageTimeout(timeout, awaited));
        }
        catch (OperationCanceledException)
        {
            Terminate();
            throw;
        }
    }

    /// <summary>
    /// The failure to report when the implementation's output has ended: the failure already recorded, the total
    /// time running out, or else how the implementation ended (<see cref="ExitedEarlyAsync"/>).
    /// </summary>
    protected async Task<ProtocolException> EndOfOutputAsync()
    {
        if (fatalError is { } known) return new ProtocolException(known);
        if (TotalTime.IsCancellationRequested) return Fail(new TotalTimeout(Limits.TotalTimeout));
        return Fail(await ExitedEarlyAsync().ConfigureAwait(false));
    }

    /// <summary>How the implementation ended when its output ended before the session did (<see cref="ProcessExitedEarly"/> with its exit code and last words).</summary>
    protected abstract Task<ProtocolError> ExitedEarlyAsync();

    /// <summary>Writes one line (a newline is appended by the transport).</summary>
    protected abstract ValueTask WriteLineAsync(string line, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads one line (without its newline) or throws <see cref="ProtocolException"/>.</summary>
    protected abstract ValueTask<string> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="timeout"/> for the implementation to end on its own; does not kill it.</summary>
    public abstract ValueTask<TransportExit> WaitForExitAsync(TimeSpan timeout);

    /// <summary>Stops the implementation now (kills the process tree); safe to call repeatedly and after exit.</summary>
    public abstract void Terminate();

    /// <summary>Terminates the implementation and releases the transport; never hangs.</summary>
    public abstract ValueTask DisposeAsync();
}
