using System.Runtime.InteropServices;

namespace LocalSgdVerify.Reports.Output;

/// <summary>What a path names, looked at without following a symbolic link at its end.</summary>
public enum PathKind
{
    /// <summary>Nothing: the path does not exist.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A symbolic link (to anything, or dangling).</summary>
    SymbolicLink,

    /// <summary>A device node, FIFO or socket: never an output.</summary>
    Special,
}

/// <summary>
/// Tells a regular file from a device node, FIFO, socket or symbolic link. .NET reports /dev/null as an ordinary
/// file, so on Linux the file type comes from lstat(2) itself (st_mode's type bits); elsewhere from the file
/// attributes .NET gives (a symbolic link is a reparse point, a device carries <see cref="FileAttributes.Device"/>).
/// </summary>
public static partial class PathKinds
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, FolderType = 0x4000, LinkType = 0xA000;

    /// <summary>The kind of <paramref name="fullPath"/> (a full path, as <see cref="Path.GetFullPath(string)"/> gives).</summary>
    public static PathKind Of(string fullPath)
    {
        var buffer = new byte[256];
        if (LinuxModeOffset() is int offset && LinuxLstat(fullPath, buffer) is int result)
        {
            // lstat fails for a missing path (or one it may not look at, which then cannot be written either).
            if (result != 0) return Exists(fullPath) ? PathKind.Special : PathKind.Missing;
            return (BitConverter.ToUInt32(buffer, offset) & TypeMask) switch
            {
                RegularType => PathKind.RegularFile,
                FolderType => PathKind.Folder,
                LinkType => PathKind.SymbolicLink,
                _ => PathKind.Special,
            };
        }
        var info = new FileInfo(fullPath);
        if (!info.Exists && !Directory.Exists(fullPath)) return info.LinkTarget is null ? PathKind.Missing : PathKind.SymbolicLink;
        FileAttributes attributes = info.Attributes;
        if (info.LinkTarget is not null || attributes.HasFlag(FileAttributes.ReparsePoint)) return PathKind.SymbolicLink;
        if (attributes.HasFlag(FileAttributes.Directory)) return PathKind.Folder;
        return attributes.HasFlag(FileAttributes.Device) ? PathKind.Special : PathKind.RegularFile;
    }

    /// <summary>How a refusal names a kind: "a symbolic link", "a device node, FIFO or socket", ...</summary>
    public static string Describe(PathKind kind) => kind switch
    {
        PathKind.Missing => "missing",
        PathKind.RegularFile => "a regular file",
        PathKind.Folder => "a folder",
        PathKind.SymbolicLink => "a symbolic link",
        _ => "a device node, FIFO or socket",
    };

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    // st_mode's offset in glibc's struct stat: after st_dev, st_ino and st_nlink (8 bytes each) on x86-64, after st_dev
    // and st_ino on the generic layout of arm64. Other systems use the attribute fallback.
    private static int? LinuxModeOffset() => !OperatingSystem.IsLinux() ? null : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 => 16,
        _ => null,
    };

    // Null when this libc has no lstat symbol (glibc before 2.33 exports only __lxstat): the attribute fallback then applies.
    private static int? LinuxLstat(string path, byte[] buffer)
    {
        try { return Lstat(path, buffer); }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException) { return null; }
    }

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Lstat(string path, [Out] byte[] buffer);
}
