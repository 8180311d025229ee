using System.Text;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// A 64-bit FNV-1a hash of a string's UTF-8 bytes (Fowler, Noll, Vo): the same on every machine, runtime and process,
/// unlike <see cref="string.GetHashCode()"/>, so seeds and shard ownership derived from it never move.
/// </summary>
public static class StableHash
{
    /// <summary>FNV-1a 64 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) { hash ^= b; hash *= 1099511628211UL; }
        return hash;
    }
}
