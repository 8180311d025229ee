using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// How an error that ended a run is written for the user: one line for the table (the code, the cause's first line,
/// the progress and, for a crash, the last line of the implementation's standard error — a Python traceback ends with
/// the exception), and evidence lines that quote the standard-error tail once, intact.
/// </summary>
public static class ErrorText
{
    private const string TailMarker = " Last lines of its standard error:";

    /// <summary>"could not run (code): cause. Its standard error ends with "…". Last good step: …".</summary>
    public static string Summary(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string cause = ProtocolFindings.FirstLine(error.Cause);
        string[] tail = error.Cause.Split('\n').Skip(1).Where(line => !string.IsNullOrWhiteSpace(line)).ToArray();
        if (tail.Length > 0) cause = $"{cause.Replace(TailMarker, "", StringComparison.Ordinal)} Its standard error ends with \"{tail[^1].Trim()}\".";
        return $"could not run ({error.Code}): {cause}{Progress(error)}";
    }

    /// <summary>"PREFIX code: cause progress", then the quoted standard-error tail (a traceback) as one line of its own.</summary>
    public static IReadOnlyList<string> Evidence(string prefix, ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string[] lines = error.Cause.Split('\n');
        var evidence = new List<string> { $"{prefix} {error.Code}: {lines[0].Replace(TailMarker, "", StringComparison.Ordinal)}{Progress(error)}" };
        if (lines.Length > 1) evidence.Add("its standard error ended with:\n" + string.Join("\n", lines.Skip(1)));
        return evidence;
    }

    private static string Progress(ProtocolError error) => error.Progress is { } where ? " " + where.Describe() : "";
}
