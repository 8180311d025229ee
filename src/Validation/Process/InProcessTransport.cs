using System.Text;
using System.Threading.Channels;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// A transport to an implementation that runs as a task in this process, connected by a pair of channels that
/// carry the same JSON lines a child process would read and write. It lets a .NET implementation be validated
/// without a process, and lets the session be tested with scripted (also malformed) output. The same limits and
/// timeouts apply; "terminating" cancels the implementation's token and closes both directions, and an
/// implementation that ignores both cannot be stopped (it is abandoned after a bounded wait).
/// </summary>
public sealed class InProcessTransport : MessageTransport
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    private readonly Channel<string> toImplementation = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<string> toHarness = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = false });
    private readonly CancellationTokenSource lifetime = new();
    private readonly StandardErrorPump standardError;
    private readonly Task implementationTask;
    private readonly Lock stateLock = new();
    private long totalBytes;
    private bool killed;

    private InProcessTransport(Func<InProcessImplementationEndpoint, CancellationToken, Task> implementation, TransportLimits limits, Action<string>? standardErrorLine)
        : base(limits)
    {
        TotalTime.Token.Register(Terminate);
        standardError = new StandardErrorPump(standardErrorLine, 20);
        var endpoint = new InProcessImplementationEndpoint(toImplementation.Reader, toHarness.Writer, standardError.Accept);
        implementationTask = Task.Run(async () =>
        {
            try
            {
                await implementation(endpoint, lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !lifetime.IsCancellationRequested)
            {
                // An exception is this transport's "crash": its message plays the role of the child's stderr.
                standardError.Accept($"{exception.GetType().Name}: {exception.Message}");
                throw;
            }
            finally
            {
                toHarness.Writer.TryComplete();
            }
        });
    }

    /// <summary>Starts <paramref name="implementation"/> on the thread pool, connected to the returned transport.</summary>
    /// <param name="implementation">The implementation: reads harness lines and writes its own through the endpoint; should honour the token.</param>
    /// <param name="limits">Limits; <see cref="TransportLimits.Default"/> when null.</param>
    /// <param name="standardErrorLine">Receives lines the implementation writes with <see cref="InProcessImplementationEndpoint.WriteStandardError"/>.</param>
    public static InProcessTransport Start(Func<InProcessImplementationEndpoint, CancellationToken, Task> implementation,
        TransportLimits? limits = null, Action<string>? standardErrorLine = null)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return new InProcessTransport(implementation, limits ?? TransportLimits.Default, standardErrorLine);
    }

    /// <inheritdoc/>
    public override string StandardErrorTail => standardError.Tail;

    /// <summary>True once the implementation's task has ended.</summary>
    public bool HasExited => implementationTask.IsCompleted;

    /// <inheritdoc/>
    protected override async ValueTask WriteLineAsync(string line, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        cancellationToken.ThrowIfCancellationRequested();
        // The implementation-bound channel is unbounded (the harness writes one answer per query), so a write only
        // fails when the implementation has gone away, which is what a broken pipe means for a child process.
        if (implementationTask.IsCompleted || !toImplementation.Writer.TryWrite(line))
            throw await EndOfOutputAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask<string> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        string? line = await WithinTimeAsync(async token =>
            await toHarness.Reader.WaitToReadAsync(token).ConfigureAwait(false) && toHarness.Reader.TryRead(out var next) ? next : null,
            timeout, "the next message", cancellationToken).ConfigureAwait(false);
        if (line is null) throw await EndOfOutputAsync().ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (bytes - 1 > Limits.MaxLineBytes) throw Fail(new OutputFlood(OutputLimit.LineLength, Limits.MaxLineBytes));
        totalBytes += bytes;
        if (totalBytes > Limits.MaxTotalBytes) throw Fail(new OutputFlood(OutputLimit.TotalBytes, Limits.MaxTotalBytes));
        return line.TrimEnd('\r');
    }

    /// <inheritdoc/>
    public override async ValueTask<TransportExit> WaitForExitAsync(TimeSpan timeout)
    {
        await Task.WhenAny(implementationTask, Task.Delay(timeout)).ConfigureAwait(false);
        return implementationTask.IsCompleted
            ? new TransportExit(true, implementationTask.IsCompletedSuccessfully ? 0 : 1, killed)
            : new TransportExit(false, null, killed);
    }

    /// <inheritdoc/>
    public override void Terminate()
    {
        lock (stateLock)
        {
            if (!killed && !implementationTask.IsCompleted) killed = true;
        }
        toImplementation.Writer.TryComplete();
        toHarness.Writer.TryComplete();
        try
        {
            lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (Disposed) return;
        Disposed = true;
        Terminate();
        await Task.WhenAny(implementationTask, Task.Delay(StopTimeout)).ConfigureAwait(false);
        // Observe the task's exception so that a crashed implementation does not surface later as unobserved.
        _ = implementationTask.Exception;
        TotalTime.Dispose();
        if (implementationTask.IsCompleted) lifetime.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task<ProtocolError> ExitedEarlyAsync()
    {
        var exit = await WaitForExitAsync(StopTimeout).ConfigureAwait(false);
        return new ProcessExitedEarly(exit.ExitCode, StandardErrorTail);
    }
}

/// <summary>The implementation's end of an <see cref="InProcessTransport"/>: read harness lines, write its own.</summary>
public sealed class InProcessImplementationEndpoint
{
    private readonly ChannelReader<string> fromHarness;
    private readonly ChannelWriter<string> toHarness;
    private readonly Action<string> standardError;

    internal InProcessImplementationEndpoint(ChannelReader<string> fromHarness, ChannelWriter<string> toHarness, Action<string> standardError)
    {
        this.fromHarness = fromHarness;
        this.toHarness = toHarness;
        this.standardError = standardError;
    }

    /// <summary>The next harness line, or null when the harness closed the connection.</summary>
    public async ValueTask<string?> ReceiveLineAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await fromHarness.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The next harness message decoded, or null when the harness closed the connection.</summary>
    public async ValueTask<HarnessMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var line = await ReceiveLineAsync(cancellationToken).ConfigureAwait(false);
        return line is null ? null : ProtocolCodec.DecodeHarnessMessage(line);
    }

    /// <summary>Writes a raw line (no validation: tests use it to send garbage).</summary>
    /// <exception cref="IOException">The harness closed the connection (like a broken pipe).</exception>
    public async ValueTask SendLineAsync(string line, CancellationToken cancellationToken = default)
    {
        try
        {
            await toHarness.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException exception)
        {
            throw new IOException("The harness closed the connection.", exception);
        }
    }

    /// <summary>Encodes and writes a message.</summary>
    public ValueTask SendAsync(ImplementationMessage message, CancellationToken cancellationToken = default) =>
        SendLineAsync(ProtocolCodec.Encode(message), cancellationToken);

    /// <summary>Writes a line to the implementation's "standard error" (forwarded to the user's log).</summary>
    public void WriteStandardError(string line) => standardError(line);
}
