using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// What one shard of a run computed, as a merge needs it: the run's <see cref="RunIdentity"/>, the shard's index K,
/// its units (<see cref="MeasurementTable"/>: per key the rows of the replicates it owns, and the exact values it
/// owns) and short notes (e.g. the simulator's kernel, a divergence). Doubles are stored as their IEEE 754 bits, so
/// every value round-trips bit for bit.
/// </summary>
/// <remarks>
/// Layout: the ASCII line "LocalSgdVerify shard 1\n", the identity as one line of JSON, the shard index as a line, a
/// line with the length and SHA-256 of the body, then the body: a gzip stream of little-endian binary: notes (count,
/// then key/value strings), replicate units (count; per key: the key, its number of runs; per run: first replicate,
/// row count, then each row as its length and doubles), value units (count; per key: the key, length, doubles), and
/// an end marker. A file cut short or changed fails the length or hash check and is refused as not whole.
/// </remarks>
public sealed record ShardFile(RunIdentity Identity, int Index, MeasurementTable Table, IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>The file name extension of shard files.</summary>
    public const string Extension = ".lsgd-shard";

    /// <summary>The first line of every shard file (format version 1).</summary>
    public const string Header = "LocalSgdVerify shard 1";

    private const uint EndMarker = 0x444E4521; // "!END"

    /// <summary>The file name of shard K of N: "shard-0003-of-0008.lsgd-shard", so a listing sorts in shard order.</summary>
    public static string FileName(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"shard-{index:D4}-of-{count:D4}{Extension}");

    /// <summary>Writes the shard to <paramref name="stream"/>.</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var body = new MemoryStream();
        using (var zip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip, Encoding.UTF8, leaveOpen: true)) WriteBody(writer);
        byte[] bytes = body.ToArray();
        stream.Write(Encoding.UTF8.GetBytes($"{Header}\n{JsonSerializer.Serialize(Identity, JsonOptions)}\n{Index.ToString(CultureInfo.InvariantCulture)}\n" +
            $"{bytes.Length.ToString(CultureInfo.InvariantCulture)} {Convert.ToHexStringLower(SHA256.HashData(bytes))}\n"));
        stream.Write(bytes);
    }

    private void WriteBody(BinaryWriter writer)
    {
        writer.Write(Notes.Count);
        foreach (var (key, value) in Notes.OrderBy(pair => pair.Key, StringComparer.Ordinal)) { writer.Write(key); writer.Write(value); }
        var replicateKeys = Table.ReplicateKeys;
        writer.Write(replicateKeys.Count);
        foreach (string key in replicateKeys)
        {
            var runs = Table.Runs(key).ToList();
            writer.Write(key);
            writer.Write(runs.Count);
            foreach (var (first, rows) in runs)
            {
                writer.Write(first);
                writer.Write(rows.Length);
                foreach (var row in rows) WriteDoubles(writer, row);
            }
        }
        var valueKeys = Table.ValueKeys;
        writer.Write(valueKeys.Count);
        foreach (string key in valueKeys)
        {
            writer.Write(key);
            WriteDoubles(writer, Table.Values(key)!);
        }
        writer.Write(EndMarker);
    }

    /// <summary>Reads a shard; throws <see cref="ShardFileException"/> naming <paramref name="source"/> when it is not a whole shard file.</summary>
    public static ShardFile Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            if (ReadLine(stream) != Header) throw new ShardFileException($"{source} is not a LocalSgdVerify shard file (its first line is not '{Header}')");
            var identity = JsonSerializer.Deserialize<RunIdentity>(ReadLine(stream), JsonOptions)
                ?? throw new ShardFileException($"{source} has no run identity");
            if (!int.TryParse(ReadLine(stream), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1 || index > identity.ShardCount)
                throw new ShardFileException($"{source} has no valid shard index for {identity.ShardCount} shards");
            var check = ReadLine(stream).Split(' ');
            if (check.Length != 2 || !int.TryParse(check[0], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
                throw new ShardFileException($"{source} is damaged: its body length line is not valid");
            byte[] bytes = new byte[length];
            stream.ReadExactly(bytes);
            if (stream.ReadByte() >= 0 || Convert.ToHexStringLower(SHA256.HashData(bytes)) != check[1])
                throw new ShardFileException($"{source} is damaged: its body does not match the length and hash it records; rerun that shard");
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new BinaryReader(zip, Encoding.UTF8);
            var notes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int count = Count(reader, source), n = 0; n < count; n++) notes[reader.ReadString()] = reader.ReadString();
            var table = new MeasurementTable();
            for (int keys = Count(reader, source), k = 0; k < keys; k++)
            {
                string key = reader.ReadString();
                for (int runs = Count(reader, source), r = 0; r < runs; r++)
                {
                    int first = Count(reader, source), rowCount = Count(reader, source);
                    var rows = new double[rowCount][];
                    for (int row = 0; row < rowCount; row++) rows[row] = ReadDoubles(reader, source);
                    table.SetRows(key, first, rows);
                }
            }
            for (int keys = Count(reader, source), k = 0; k < keys; k++) table.SetValues(reader.ReadString(), ReadDoubles(reader, source));
            if (reader.ReadUInt32() != EndMarker) throw new ShardFileException($"{source} is damaged: its end marker is missing");
            return new ShardFile(identity, index, table, notes);
        }
        catch (Exception damaged) when (damaged is EndOfStreamException or InvalidDataException or JsonException or IOException or MeasurementConflictException or FormatException)
        {
            throw new ShardFileException($"{source} is not a whole shard file ({damaged.Message}); rerun that shard");
        }
    }

    /// <summary>True when <paramref name="stream"/> starts with the shard header (a file the tool wrote and may replace).</summary>
    public static bool StartsWithHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try { return ReadLine(stream) == Header; }
        catch (Exception notShard) when (notShard is EndOfStreamException or IOException or ShardFileException) { return false; }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static void WriteDoubles(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (double value in values) writer.Write(BitConverter.DoubleToInt64Bits(value));
    }

    private static double[] ReadDoubles(BinaryReader reader, string source)
    {
        var values = new double[Count(reader, source)];
        for (int index = 0; index < values.Length; index++) values[index] = BitConverter.Int64BitsToDouble(reader.ReadInt64());
        return values;
    }

    private static int Count(BinaryReader reader, string source)
    {
        int count = reader.ReadInt32();
        return count >= 0 ? count : throw new ShardFileException($"{source} is damaged: a count is negative");
    }

    // One line of UTF-8 text, read byte by byte so the stream stays at the start of the compressed part.
    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            int next = stream.ReadByte();
            if (next < 0) throw new EndOfStreamException("the file ends inside its header");
            if (next == '\n') return Encoding.UTF8.GetString(bytes.ToArray());
            if (bytes.Count > 1 << 24) throw new ShardFileException("the header line is too long");
            bytes.Add((byte)next);
        }
    }
}

/// <summary>A shard file that cannot be read as one.</summary>
public sealed class ShardFileException(string message) : Exception(message);
