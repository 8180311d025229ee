namespace LocalSgdVerify.Cli;

/// <summary>
/// Ctrl-C during a long command (check, validate): instead of ending the process it cancels <see cref="Token"/>, so
/// the command stops cleanly (an incomplete report, the implementation terminated). Only the real console is hooked,
/// and only until disposal; callers that pass their own writers (tests) stop the command through the token they pass.
/// </summary>
public sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly ConsoleCancelEventHandler? handler;

    /// <summary>Links Ctrl-C to a token that also follows <paramref name="cancellation"/>; <paramref name="notice"/>, if any, goes to <paramref name="error"/> on Ctrl-C.</summary>
    public ConsoleInterrupt(TextWriter error, CancellationToken cancellation, string? notice = null)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (!ReferenceEquals(error, Console.Error)) return;
        handler = (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
            if (notice is not null) error.WriteLine(notice);
        };
        Console.CancelKeyPress += handler;
    }

    /// <summary>Cancelled by Ctrl-C or by the caller's token.</summary>
    public CancellationToken Token => source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (handler is not null) Console.CancelKeyPress -= handler;
        source.Dispose();
    }
}
