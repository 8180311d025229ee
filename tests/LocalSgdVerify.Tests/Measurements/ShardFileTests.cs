using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>
/// Shard files keep every double bit for bit (NaN payloads, −0, subnormals, infinities), the identity and the notes;
/// a file cut short or not written by the tool is refused with a message naming it; and a set of shards is refused
/// with one message when foreign, duplicated or missing shards are in it.
/// </summary>
public sealed class ShardFileTests
{
    private static readonly RunIdentity Identity = new(RunIdentity.CheckCommand, "0.1.0+abc", 3, "quick", 1, 1e-4, ["gu.G1", "spiridonoff.S2"]);

    private static byte[] Bytes(ShardFile file)
    {
        using var buffer = new MemoryStream();
        file.Write(buffer);
        return buffer.ToArray();
    }

    private static ShardFile Read(byte[] bytes, string source = "test.lsgd-shard")
    {
        using var buffer = new MemoryStream(bytes);
        return ShardFile.Read(buffer, source);
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void EveryDoubleRoundTripsBitForBit()
    {
        // Any 64-bit pattern is a double: NaNs with payloads, −0, subnormals and infinities included.
        var patterns = Gen.Choose(-1, 9).SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<long>(), Math.Max(length, 0)));
        Prop.ForAll(Gen.ArrayOf(patterns, 4).ToArbitrary(), rows =>
        {
            var table = new MeasurementTable();
            var doubles = rows.Select(row => row.Select(BitConverter.Int64BitsToDouble).ToArray()).ToArray();
            table.SetRows("claim|simulate|x|1", 40, doubles);
            table.SetValues("claim|exact|e|0", doubles.SelectMany(row => row).ToArray());
            var back = Read(Bytes(new ShardFile(Identity, 2, table, new Dictionary<string, string> { ["kernel"] = "ReferenceKernel" })));
            var (first, held) = Assert.Single(back.Table.Runs("claim|simulate|x|1"));
            return first == 40 && held.Zip(rows).All(pair => Bits(pair.First).SequenceEqual(pair.Second))
                && Bits(back.Table.Values("claim|exact|e|0")!).SequenceEqual(rows.SelectMany(row => row))
                && back.Identity.SameRun(Identity) && back.Index == 2 && back.Notes["kernel"] == "ReferenceKernel";
        }).Check(TestSeeds.Properties(50));
    }

    [Fact]
    public void AFileCutShortIsRefusedAsNotWhole()
    {
        var table = new MeasurementTable();
        table.SetRows("k", 0, Enumerable.Range(0, 200).Select(r => new[] { r * 0.5, -r * 1.25 }).ToArray());
        byte[] bytes = Bytes(new ShardFile(Identity, 1, table, new Dictionary<string, string>()));
        foreach (int length in new[] { 10, bytes.Length / 2, bytes.Length - 3 })
        {
            var error = Assert.Throws<ShardFileException>(() => Read(bytes[..length], "cut.lsgd-shard"));
            Assert.Contains("cut.lsgd-shard", error.Message);
        }
    }

    [Fact]
    public void AFileTheToolDidNotWriteIsRefusedAndNotTakenForOne()
    {
        byte[] text = "{\"name\": \"a scenario\"}\n"u8.ToArray();
        var error = Assert.Throws<ShardFileException>(() => Read(text, "scenario.json"));
        Assert.Contains("scenario.json is not a LocalSgdVerify shard file", error.Message);
        Assert.False(ShardFile.StartsWithHeader(new MemoryStream(text)));
        Assert.True(ShardFile.StartsWithHeader(new MemoryStream(Bytes(new ShardFile(Identity, 1, new MeasurementTable(), new Dictionary<string, string>())))));
    }

    [Fact]
    public void FileNamesSortInShardOrder()
    {
        Assert.Equal("shard-0003-of-0012.lsgd-shard", ShardFile.FileName(3, 12));
        var names = Enumerable.Range(1, 12).Select(index => ShardFile.FileName(index, 12)).ToArray();
        Assert.Equal(names, names.Order(StringComparer.Ordinal));
    }

    private static (string, ShardFile) Shard(int index, RunIdentity? identity = null) =>
        ($"/shards/{ShardFile.FileName(index, (identity ?? Identity).ShardCount)}", new ShardFile(identity ?? Identity, index, new MeasurementTable(), new Dictionary<string, string>()));

    [Fact]
    public void ACompleteSetInAnyOrderIsAccepted()
    {
        var set = ShardSet.Check([Shard(3), Shard(1), Shard(2)], allowPartial: false);
        Assert.True(set.Complete);
        Assert.Equal([1, 2, 3], set.Shards.Select(shard => shard.File.Index));
    }

    [Fact]
    public void MissingShardsAreNamedUnlessAPartialMergeIsAskedFor()
    {
        var error = Assert.Throws<ShardSetException>(() => ShardSet.Check([Shard(3), Shard(1)], allowPartial: false));
        Assert.StartsWith("missing shards: 2 of 3", error.Message);
        var partial = ShardSet.Check([Shard(3), Shard(1)], allowPartial: true);
        Assert.Equal([2], partial.Missing);
    }

    [Fact]
    public void DuplicatedShardsAreNamedWithBothFiles()
    {
        var (_, file) = Shard(2);
        var error = Assert.Throws<ShardSetException>(() => ShardSet.Check([Shard(1), Shard(2), ("/elsewhere/copy.lsgd-shard", file), Shard(3)], allowPartial: false));
        Assert.Equal("duplicated shards: shard 2 of 3 in /shards/shard-0002-of-0003.lsgd-shard and /elsewhere/copy.lsgd-shard", error.Message);
    }

    [Fact]
    public void AShardOfAnotherRunIsNamedWithTheFieldsThatDiffer()
    {
        var foreign = Identity with { Seed = 2, Profile = "ci" };
        var error = Assert.Throws<ShardSetException>(() => ShardSet.Check([Shard(1), ("/other/shard-0002-of-0003.lsgd-shard", Shard(2, foreign).Item2), Shard(3)], allowPartial: true));
        Assert.Contains("/other/shard-0002-of-0003.lsgd-shard differs in profile (ci vs quick), seed (2 vs 1)", error.Message);
        var otherCount = Assert.Throws<ShardSetException>(() => ShardSet.Check([Shard(1), Shard(2, Identity with { ShardCount = 4 })], allowPartial: true));
        Assert.Contains("shard count (4 vs 3)", otherCount.Message);
    }
}
