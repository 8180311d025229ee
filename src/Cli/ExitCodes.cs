namespace LocalSgdVerify.Cli;

/// <summary>The exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A finding: a run diverged, a check failed. The output says which.</summary>
    public const int Finding = 1;

    /// <summary>Bad usage or input: unknown flag, unreadable or invalid scenario. Nothing was written to stdout or --out.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in the tool itself (an exception nobody expected); the message asks for a report.</summary>
    public const int InternalError = 3;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15, the shell convention); handled like Ctrl-C.</summary>
    public const int Terminated = 143;
}
