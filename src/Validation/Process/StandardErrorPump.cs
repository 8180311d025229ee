using System.Text;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// Forwards the child's standard error line by line to the user's log on its own task, so the child can never
/// block on a full stderr pipe. Lines longer than <see cref="MaxForwardedLineBytes"/> are cut (the rest of the line
/// is read and dropped). The last lines are kept for error messages.
/// </summary>
internal sealed class StandardErrorPump
{
    /// <summary>Longest stderr line forwarded as is; longer lines are truncated with a marker.</summary>
    internal const int MaxForwardedLineBytes = 64 * 1024;

    private const int MaxTailLineCharacters = 400;

    private readonly Action<string>? forward;
    private readonly int tailLines;
    private readonly Queue<string> tail = new();
    private readonly Lock tailLock = new();

    internal StandardErrorPump(Action<string>? forward, int tailLines)
    {
        this.forward = forward;
        this.tailLines = Math.Max(0, tailLines);
    }

    /// <summary>The last lines, joined with newlines, each cut to a few hundred characters.</summary>
    internal string Tail
    {
        get
        {
            lock (tailLock) return string.Join("\n", tail);
        }
    }

    /// <summary>Appends one line as if the child had written it (used by the in-process transport).</summary>
    internal void Accept(string line)
    {
        lock (tailLock)
        {
            tail.Enqueue(line.Length <= MaxTailLineCharacters ? line : line[..MaxTailLineCharacters] + "…");
            while (tail.Count > tailLines) tail.Dequeue();
        }
        if (forward is null) return;
        try
        {
            forward(line);
        }
        catch (Exception)
        {
            // A failing log callback must not stop the pump: the child would block on a full pipe.
        }
    }

    internal async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var line = new MemoryStream();
        var truncated = false;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                var start = 0;
                while (start < read)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    var end = newline < 0 ? read : newline;
                    var room = MaxForwardedLineBytes - (int)line.Length;
                    var take = Math.Min(room, end - start);
                    if (take > 0) line.Write(buffer, start, take);
                    if (take < end - start) truncated = true;
                    if (newline < 0) break;
                    Emit(line, truncated);
                    line.SetLength(0);
                    truncated = false;
                    start = newline + 1;
                }
            }
            if (line.Length > 0) Emit(line, truncated);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The child is gone or the transport is closing.
        }
    }

    private void Emit(MemoryStream line, bool truncated)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        var text = Encoding.UTF8.GetString(bytes);
        Accept(truncated ? text + " … [line truncated]" : text);
    }
}
