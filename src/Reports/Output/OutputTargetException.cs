namespace LocalSgdVerify.Reports.Output;

/// <summary>
/// An output path the tool refuses before writing anything (a symbolic link, a device node, a folder that is not a
/// report folder, a folder it cannot write in): one sentence naming the flag, the path and why, for exit code 2.
/// </summary>
public sealed class OutputTargetException(string message, Exception? inner = null) : Exception(message, inner);
