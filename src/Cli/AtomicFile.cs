using System.Text;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Writes output files all at once: the text goes to a temporary file beside the target, which is then renamed
/// over it, so a reader never sees half a file and a failed run leaves the target untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Throws <see cref="CommandLineException"/> unless <paramref name="path"/> can name a file in an existing folder.</summary>
    public static void CheckWritable(string path, string flag)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CommandLineException($"{flag} = {path} is not allowed: expected a file path ({error.Message}).");
        }
        if (Directory.Exists(full)) throw new CommandLineException($"{flag} = {path} is not allowed: expected a file path, but it is a folder.");
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            throw new CommandLineException($"{flag} = {path} is not allowed: expected a file in an existing folder, but '{folder}' does not exist.");
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
