using System.Runtime.InteropServices;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// Kills a child and everything it started. <see cref="System.Diagnostics.Process.Kill(bool)"/> finds descendants
/// through their parent links, which misses a grandchild whose parent already exited (it was re-parented to init);
/// when the child was started as a process-group leader (setsid), signalling the whole group catches those too.
/// </summary>
internal static unsafe class ProcessGroupKiller
{
    private const int SignalKill = 9;

    private static readonly delegate* unmanaged<int, int, int> KillFunction = LoadKill();

    /// <summary>The setsid program, when this platform has one; null otherwise.</summary>
    internal static string? SetsidPath { get; } = FindSetsid();

    /// <summary>True when process groups can be both created (setsid) and signalled (libc kill).</summary>
    internal static bool GroupsSupported => SetsidPath is not null && KillFunction is not null;

    /// <summary>Sends SIGKILL to every process in group <paramref name="groupId"/>; false if the group is already empty.</summary>
    internal static bool KillGroup(int groupId)
    {
        if (KillFunction is null || groupId <= 1) return false;
        return KillFunction(-groupId, SignalKill) == 0;
    }

    /// <summary>Kills the process tree through .NET, then the process group if the child leads one; never throws.</summary>
    internal static void KillTree(System.Diagnostics.Process process, int processId, bool groupLeader)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Lost a race with exit, or a descendant we may not signal; the group kill below still runs.
        }
        if (groupLeader) KillGroup(processId);
    }

    private static delegate* unmanaged<int, int, int> LoadKill()
    {
        if (OperatingSystem.IsWindows()) return null;
        foreach (var name in new[] { "libc.so.6", "libc.dylib", "/usr/lib/libSystem.dylib", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "kill", out var address))
                return (delegate* unmanaged<int, int, int>)address;
        }
        return null;
    }

    private static string? FindSetsid()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var path in new[] { "/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid" })
            if (File.Exists(path)) return path;
        return null;
    }
}
