namespace LocalSgdVerify.Validation.Process;

/// <summary>How to start an implementation as a child process.</summary>
public sealed record ProcessOptions
{
    /// <summary>
    /// The command, e.g. <c>python3 my_local_sgd.py --device cpu</c>. Split into argv by <see cref="CommandLineSplitter"/>
    /// (shell-like quoting, no shell) unless <see cref="UseShell"/> is set.
    /// </summary>
    public required string CommandLine { get; init; }

    /// <summary>Run the command through <c>/bin/sh -c</c> (for pipes, variables, redirections); default false.</summary>
    public bool UseShell { get; init; }

    /// <summary>Working directory of the child; null for the harness's own.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Environment changes for the child: a value sets the variable, null removes it. By default the child also gets
    /// PYTHONUNBUFFERED=1, because a Python child whose stdout is a pipe otherwise buffers its answers and deadlocks.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Line, total-output and total-time limits.</summary>
    public TransportLimits Limits { get; init; } = TransportLimits.Default;

    /// <summary>Receives every line the child writes to standard error (the user's log); called on a background thread, must not block for long.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>How long to wait for the child to exit after it closed its output or was asked to shut down (default 2 s).</summary>
    public TimeSpan ExitGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Start the child in its own process group (via setsid, where available) so that killing it also kills
    /// grandchildren that outlived their parent; default true.
    /// </summary>
    public bool IsolateProcessGroup { get; init; } = true;

    /// <summary>Number of standard-error lines kept for error messages (default 20).</summary>
    public int StandardErrorTailLines { get; init; } = 20;
}
