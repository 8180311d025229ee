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
    /// <summary>Creates a transport with the given limits.</summary>
    protected MessageTransport(TransportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        Limits = limits;
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
