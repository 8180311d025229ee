namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// Finds the file a command name refers to, the way execvp would, so that "command not found" is reported as
/// <see cref="Protocol.ProcessStartFailed"/> before any wrapper (setsid, a shell) could turn it into an early exit.
/// </summary>
public static class ExecutableResolver
{
    /// <summary>
    /// Resolves <paramref name="command"/>: a name containing a slash is taken relative to
    /// <paramref name="workingDirectory"/> (or the current directory); a bare name is looked up in PATH.
    /// Returns the full path, or null with <paramref name="reason"/> saying why not.
    /// </summary>
    public static string? Resolve(string command, string? workingDirectory, IReadOnlyDictionary<string, string?> environment, out string reason)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length == 0)
        {
            reason = "the command name is empty";
            return null;
        }
        if (command.Contains('/') || (OperatingSystem.IsWindows() && command.Contains('\\')))
        {
            var baseDirectory = workingDirectory ?? Directory.GetCurrentDirectory();
            var path = Path.GetFullPath(command, baseDirectory);
            return Check(path, out reason) ? path : null;
        }
        var searchPath = environment.TryGetValue("PATH", out var overridden) ? overridden : System.Environment.GetEnvironmentVariable("PATH");
        var extensions = OperatingSystem.IsWindows()
            ? (System.Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend("")
            : [""];
        string? lastReason = null;
        foreach (var directory in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, command + extension);
                if (!File.Exists(candidate)) continue;
                if (Check(candidate, out var candidateReason))
                {
                    reason = "";
                    return candidate;
                }
                lastReason = candidateReason;
            }
        }
        reason = lastReason ?? $"no program named \"{command}\" was found in PATH ({searchPath})";
        return null;
    }

    private static bool Check(string path, out string reason)
    {
        if (Directory.Exists(path))
        {
            reason = $"{path} is a directory";
            return false;
        }
        if (!File.Exists(path))
        {
            reason = $"{path} does not exist";
            return false;
        }
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            {
                reason = $"{path} is not executable (run chmod +x, or start it through its interpreter, e.g. \"python3 {path}\")";
                return false;
            }
        }
        reason = "";
        return true;
    }
}
