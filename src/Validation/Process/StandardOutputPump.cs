using System.Text;
using System.Threading.Channels;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Process;

/// <summary>What the output pump is doing, so the exit watcher can tell a pipe held open by a leftover process from a harness that is merely slow to read.</summary>
internal sealed class PumpProgress
{
    private long bytesRead;
    private volatile bool readPending;

    /// <summary>Bytes read from the pipe so far.</summary>
    internal long BytesRead => Interlocked.Read(ref bytesRead);

    /// <summary>True while the pump waits on the pipe (rather than on the channel).</summary>
    internal bool ReadPending => readPending;

    internal void BeginRead() => readPending = true;

    internal void EndRead(int count)
    {
        readPending = false;
        Interlocked.Add(ref bytesRead, count);
    }
}

/// <summary>One item read from the implementation's standard output: a complete line, or the fault that ended reading.</summary>
internal readonly record struct OutputItem(string? Line, ProtocolError? Fault);

/// <summary>
/// Reads standard output on its own task and cuts it into lines, enforcing the line and total limits while reading:
/// a line is accumulated with a byte counter and abandoned at the limit, so an endless line never sits in memory.
/// Lines go to a bounded channel (backpressure on the child); the channel completes at end of output.
/// </summary>
internal static class StandardOutputPump
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static Channel<OutputItem> CreateChannel() =>
        Channel.CreateBounded<OutputItem>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    internal static async Task RunAsync(Stream stream, ChannelWriter<OutputItem> writer, TransportLimits limits, PumpProgress progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        long total = 0;
        long lineNumber = 0;
        try
        {
            while (true)
            {
                progress.BeginRead();
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                progress.EndRead(read);
                if (read == 0)
                {
                    // A last line without a newline still counts: the child may have exited right after writing it.
                    if (line.Length > 0) await writer.WriteAsync(Decode(line, ++lineNumber), cancellationToken).ConfigureAwait(false);
                    return;
                }
                var allowed = (int)Math.Min(read, limits.MaxTotalBytes - total);
                total += read;
                var start = 0;
                while (start < allowed)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', start, allowed - start);
                    var end = newline < 0 ? allowed : newline;
                    if (line.Length + (end - start) > limits.MaxLineBytes)
                    {
                        await writer.WriteAsync(new OutputItem(null, new OutputFlood(OutputLimit.LineLength, limits.MaxLineBytes)), cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    line.Write(buffer, start, end - start);
                    if (newline < 0) break;
                    await writer.WriteAsync(Decode(line, ++lineNumber), cancellationToken).ConfigureAwait(false);
                    line.SetLength(0);
                    start = newline + 1;
                }
                if (allowed < read)
                {
                    await writer.WriteAsync(new OutputItem(null, new OutputFlood(OutputLimit.TotalBytes, limits.MaxTotalBytes)), cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or ChannelClosedException)
        {
            // The transport is shutting down or the pipe broke: either way, the output has ended.
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static OutputItem Decode(MemoryStream line, long lineNumber)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        try
        {
            return new OutputItem(StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException exception)
        {
            var lenient = Encoding.UTF8.GetString(bytes);
            return new OutputItem(null, new MalformedMessage(lineNumber, MessageText.Excerpt(lenient),
                $"not valid UTF-8 (bad byte at index {exception.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}); the protocol is UTF-8 JSON"));
        }
    }
}
