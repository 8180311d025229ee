using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// An implementation running as a child process and spoken to in JSON Lines: harness messages go to its
/// standard input, its messages come from standard output, and standard error is forwarded line by line to
/// <see cref="ProcessOptions.StandardErrorLine"/>. Output is read on background tasks (the child never blocks on a
/// full pipe), every wait is bounded by the per-message timeout and the total timeout, and on any failure or on
/// dispose the whole process tree is killed and reaped.
/// </summary>
public sealed class ImplementationProcess : MessageTransport
{
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(5);

    // Children still running when the harness itself exits (an undisposed session, Ctrl+C, SIGTERM) are killed too.
    private static readonly HashSet<ImplementationProcess> Live = [];
    private static readonly Lock LiveLock = new();

    static ImplementationProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            ImplementationProcess[] remaining;
            lock (LiveLock) remaining = [.. Live];
            foreach (var child in remaining) child.Terminate();
        };
    }
    private static readonly TimeSpan PumpDrainTimeout = TimeSpan.FromSeconds(1);

    private readonly System.Diagnostics.Process process;
    private readonly ProcessOptions options;
    private readonly Stream standardInput;
    private readonly Channel<OutputItem> output = StandardOutputPump.CreateChannel();
    private readonly StandardErrorPump standardError;
    private readonly PumpProgress outputProgress = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly Task outputPump;
    private readonly Task errorPump;
    private readonly Task exitWatcher;
    private readonly Lock terminationLock = new();
    private bool terminated;
    private bool killedByHarness;

    private ImplementationProcess(System.Diagnostics.Process process, ProcessOptions options, bool groupLeader) : base(options.Limits)
    {
        this.process = process;
        this.options = options;
        IsProcessGroupLeader = groupLeader;
        ProcessId = process.Id;
        standardInput = process.StandardInput.BaseStream;
        standardError = new StandardErrorPump(options.StandardErrorLine, options.StandardErrorTailLines);
        // When the budget runs out nobody may be waiting on the child, so the kill cannot wait for the next call.
        TotalTime.Token.Register(Terminate);
        outputPump = Task.Run(() => StandardOutputPump.RunAsync(process.StandardOutput.BaseStream, output.Writer, options.Limits, outputProgress, lifetime.Token));
        errorPump = Task.Run(() => standardError.RunAsync(process.StandardError.BaseStream, lifetime.Token));
        exitWatcher = Task.Run(WatchExitAsync);
        lock (LiveLock) Live.Add(this);
    }

    /// <summary>Process id of the child (the setsid-started process group leader when <see cref="IsProcessGroupLeader"/>).</summary>
    public int ProcessId { get; }

    /// <summary>True when the child leads its own process group, so leftover grandchildren are killed with it.</summary>
    public bool IsProcessGroupLeader { get; }

    /// <summary>True once the child has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public override string StandardErrorTail => standardError.Tail;

    /// <summary>
    /// Starts <see cref="ProcessOptions.CommandLine"/>. Without <see cref="ProcessOptions.UseShell"/> the command line
    /// is split into argv by <see cref="CommandLineSplitter"/> and the program is resolved through PATH first, so a
    /// missing program is reported as <see cref="ProcessStartFailed"/>.
    /// </summary>
    /// <exception cref="ProtocolException"><see cref="ProcessStartFailed"/>.</exception>
    /// <exception cref="ArgumentException">The command line cannot be split (unterminated quote).</exception>
    public static ImplementationProcess Start(ProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Limits.Validate();
        IReadOnlyList<string> words = options.UseShell
            ? ["/bin/sh", "-c", options.CommandLine]
            : CommandLineSplitter.Split(options.CommandLine);
        if (options.WorkingDirectory is { } directory && !Directory.Exists(directory))
            throw new ProtocolException(new ProcessStartFailed(options.CommandLine, $"the working directory {directory} does not exist"));
        var program = ExecutableResolver.Resolve(words[0], options.WorkingDirectory, options.Environment, out var reason)
            ?? throw new ProtocolException(new ProcessStartFailed(options.CommandLine, reason));

        var groupLeader = options.IsolateProcessGroup && ProcessGroupKiller.GroupsSupported;
        var startInfo = new ProcessStartInfo(groupLeader ? ProcessGroupKiller.SetsidPath! : program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        if (groupLeader) startInfo.ArgumentList.Add(program);
        foreach (var word in words.Skip(1)) startInfo.ArgumentList.Add(word);
        if (options.WorkingDirectory is not null) startInfo.WorkingDirectory = options.WorkingDirectory;
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (name, value) in options.Environment)
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = startInfo };
        try
        {
            if (!process.Start())
                throw new ProtocolException(new ProcessStartFailed(options.CommandLine, "the operating system did not start a new process"));
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new ProtocolException(new ProcessStartFailed(options.CommandLine, exception.Message), exception);
        }
        return new ImplementationProcess(process, options, groupLeader);
    }

    /// <inheritdoc/>
    protected override async ValueTask WriteLineAsync(string line, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        try
        {
            // WaitAsync bounds the wait even if a pipe write ignores cancellation; the kill that follows a timeout unblocks it.
            await WithinTimeAsync(async token =>
            {
                await standardInput.WriteAsync(bytes, token).AsTask().WaitAsync(token).ConfigureAwait(false);
                await standardInput.FlushAsync(token).WaitAsync(token).ConfigureAwait(false);
                return true;
            }, timeout, "room to write to the implementation's standard input (it stopped reading)", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // A broken pipe means the child closed its input, almost always by exiting: report how it ended.
            throw await EndOfOutputAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<string> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        OutputItem? item = await WithinTimeAsync(async token =>
            await output.Reader.WaitToReadAsync(token).ConfigureAwait(false) && output.Reader.TryRead(out var next) ? next : (OutputItem?)null,
            timeout, "the next message", cancellationToken).ConfigureAwait(false);
        if (item is null) throw await EndOfOutputAsync().ConfigureAwait(false);
        if (item.Value.Fault is { } fault) throw Fail(fault);
        return item.Value.Line!;
    }

    /// <inheritdoc/>
    public override async ValueTask<TransportExit> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new TransportExit(false, null, killedByHarness);
        }
        catch (InvalidOperationException)
        {
            // The process object was already disposed.
        }
        return new TransportExit(true, ExitCodeOrNull(), killedByHarness);
    }

    /// <inheritdoc/>
    public override void Terminate()
    {
        lock (terminationLock)
        {
            if (!terminated)
            {
                terminated = true;
                killedByHarness = !HasExited;
            }
        }
        // Killing again is harmless and also catches grandchildren started after an earlier call.
        ProcessGroupKiller.KillTree(process, ProcessId, IsProcessGroupLeader);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (Disposed) return;
        Disposed = true;
        Terminate();
        try
        {
            // Reaps the child; bounded, because a kill that did not take must not hang the harness.
            process.WaitForExit(ReapTimeout);
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }
        lock (LiveLock) Live.Remove(this);
        await lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(outputPump, errorPump, exitWatcher), Task.Delay(PumpDrainTimeout)).ConfigureAwait(false);
        process.Dispose();
        TotalTime.Dispose();
        lifetime.Dispose();
    }

    private async Task WatchExitAsync()
    {
        try
        {
            await process.WaitForExitAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            return;
        }
        // Leftover grandchildren keep the pipes open; without their group kill the end of output would never come.
        if (IsProcessGroupLeader) ProcessGroupKiller.KillGroup(ProcessId);
        try
        {
            while (!outputPump.IsCompleted)
            {
                var before = outputProgress.BytesRead;
                await Task.WhenAny(outputPump, Task.Delay(options.ExitGracePeriod, lifetime.Token)).ConfigureAwait(false);
                lifetime.Token.ThrowIfCancellationRequested();
                // Without process groups a re-parented grandchild may hold the pipe open forever: when the pump has
                // waited on the pipe for a whole grace period with nothing new, declare the output ended. A pump
                // blocked on a full channel is left alone, so no line the child wrote before exiting is lost.
                if (outputProgress.ReadPending && outputProgress.BytesRead == before)
                {
                    output.Writer.TryComplete();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <inheritdoc/>
    protected override async Task<ProtocolError> ExitedEarlyAsync()
    {
        var exit = await WaitForExitAsync(options.ExitGracePeriod).ConfigureAwait(false);
        // Let the stderr pump catch up: the child's last words (a traceback) usually explain the exit.
        await Task.WhenAny(errorPump, Task.Delay(PumpDrainTimeout)).ConfigureAwait(false);
        return new ProcessExitedEarly(exit.Exited ? exit.ExitCode : null, StandardErrorTail);
    }

    private int? ExitCodeOrNull()
    {
        try
        {
            return process.HasExited ? process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
