using System.Globalization;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// Limits that keep a misbehaving implementation from exhausting the harness: the longest accepted line, the total
/// bytes accepted on standard output, and the total time budget of the whole session.
/// </summary>
/// <param name="MaxLineBytes">Longest accepted line in bytes, newline excluded (default 16 MiB).</param>
/// <param name="MaxTotalBytes">Most bytes accepted on standard output over the whole session (default 4 GiB).</param>
/// <param name="TotalTimeout">Time budget of the whole session, counted from the start (default 1 hour).</param>
public sealed record TransportLimits(long MaxLineBytes, long MaxTotalBytes, TimeSpan TotalTimeout)
{
    /// <summary>16 MiB per line, 4 GiB in total, one hour.</summary>
    public static TransportLimits Default { get; } = new(16L << 20, 4L << 30, TimeSpan.FromHours(1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the field when a limit is not positive.</summary>
    public void Validate()
    {
        if (MaxLineBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxLineBytes), MaxLineBytes.ToString(CultureInfo.InvariantCulture), "MaxLineBytes must be at least 1.");
        if (MaxTotalBytes < MaxLineBytes)
            throw new ArgumentOutOfRangeException(nameof(MaxTotalBytes), MaxTotalBytes.ToString(CultureInfo.InvariantCulture), "MaxTotalBytes must be at least MaxLineBytes.");
        if (TotalTimeout <= TimeSpan.Zero && TotalTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(TotalTimeout), TotalTimeout, "TotalTimeout must be positive (or Timeout.InfiniteTimeSpan).");
    }
}

/// <summary>How an implementation ended, as far as the transport can tell.</summary>
/// <param name="Exited">True when the process (or in-process task) has ended.</param>
/// <param name="ExitCode">Its exit code, when known (in-process: 0 on normal completion, 1 after an exception).</param>
/// <param name="Killed">True when the harness had to kill it.</param>
public sealed record TransportExit(bool Exited, int? ExitCode, bool Killed);
