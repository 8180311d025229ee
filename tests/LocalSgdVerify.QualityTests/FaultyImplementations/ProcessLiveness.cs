using System.Globalization;

namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>Whether a process id still names a live process. A zombie (exited, not yet reaped by its parent) counts as dead.</summary>
internal static class ProcessLiveness
{
    internal static bool IsAlive(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (IOException)
            {
                return false;
            }
            // Format: "pid (command) state ..."; the command may contain spaces or parentheses, so parse from the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Polls until the process is dead, for at most <paramref name="limit"/>; true if it died.</summary>
    internal static async Task<bool> BecomesDeadAsync(int processId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IsAlive(processId))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20);
        }
        return true;
    }
}
