using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Protocol;

public sealed class ProtocolCodecTests
{
    [Fact]
    public void EveryHarnessMessageRoundTripsFieldByField()
    {
        Prop.ForAll(MessageGenerators.HarnessMessage.ToArbitrary(), message =>
        {
            var line = ProtocolCodec.Encode(message);
            var difference = StructuralEquality.FirstDifference(message, ProtocolCodec.DecodeHarnessMessage(line));
            return Prop.Label(difference is null && !line.Contains('\n') && !line.Contains('\r'), $"{difference} in {line}");
        }).Check(ProtocolPropertyConfig.With(400));
    }

    [Fact]
    public void EveryImplementationMessageRoundTripsFieldByField()
    {
        Prop.ForAll(MessageGenerators.ImplementationMessage.ToArbitrary(), message =>
        {
            var line = ProtocolCodec.Encode(message);
            var difference = StructuralEquality.FirstDifference(message, ProtocolCodec.DecodeImplementationMessage(line));
            return Prop.Label(difference is null && !line.Contains('\n') && !line.Contains('\r'), $"{difference} in {line}");
        }).Check(ProtocolPropertyConfig.With(400));
    }

    [Fact]
    public void EveryFiniteBitPatternCrossesTheWireUnchanged()
    {
        // Any 64-bit pattern whose exponent is not all ones is a finite double: zero, subnormal or normal, either sign.
        var bitPatterns = from high in Gen.Choose(int.MinValue, int.MaxValue)
                          from low in Gen.Choose(int.MinValue, int.MaxValue)
                          let bits = ((long)high << 32) | (uint)low
                          where (bits & 0x7FF0_0000_0000_0000L) != 0x7FF0_0000_0000_0000L
                          select bits;
        Prop.ForAll(Gen.ArrayOf(bitPatterns, 8).ToArbitrary(), patterns =>
        {
            var values = patterns.Select(BitConverter.Int64BitsToDouble).ToArray();
            var decoded = (QueryMessage)ProtocolCodec.DecodeImplementationMessage(ProtocolCodec.Encode(new QueryMessage(1, 0, values)));
            return decoded.X.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(patterns);
        }).Check(ProtocolPropertyConfig.With(2000));
    }

    [Fact]
    public void ExtremeDoublesRoundTripBitExactly()
    {
        double[] values =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon,
            2.2250738585072009e-308, // largest subnormal
            2.2250738585072014e-308, // smallest normal
            double.MaxValue, double.MinValue, 0.1, 1.0 / 3.0,
            9007199254740992.0, 9007199254740994.0, // around 2^53, where integers stop being exact
        ];
        var line = ProtocolCodec.Encode(new GradientMessage(1, 0, values));
        var decoded = (GradientMessage)ProtocolCodec.DecodeHarnessMessage(line);
        for (var index = 0; index < values.Length; index++)
            Assert.True(BitConverter.DoubleToInt64Bits(values[index]) == BitConverter.DoubleToInt64Bits(decoded.G[index]),
                $"{values[index]:R} came back as {decoded.G[index]:R} through {line}");
    }

    [Fact]
    public void GradientIsWrittenAsTheDocumentedLine()
    {
        var line = ProtocolCodec.Encode(new GradientMessage(3, 1, [0.5, -2.0, 1e-300]));
        Assert.Equal("{\"type\":\"gradient\",\"step\":3,\"worker\":1,\"g\":[0.5,-2.0,1E-300]}", line);
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(3.0, "3.0")]
    [InlineData(-17.0, "-17.0")]
    [InlineData(1e21, "1E+21")]
    [InlineData(0.25, "0.25")]
    [InlineData(123456789012.0, "123456789012.0")]
    public void IntegralDoublesAreSpelledAsFloats(double value, string text)
    {
        Assert.Equal("{\"type\":\"result\",\"run_id\":\"r\",\"x\":[" + text + "]}", ProtocolCodec.Encode(new ResultMessage("r", [value], null)));
    }

    [Fact]
    public void NegativeZeroIsSpelledWithItsSign()
    {
        Assert.Equal("{\"type\":\"result\",\"run_id\":\"r\",\"x\":[-0.0]}", ProtocolCodec.Encode(new ResultMessage("r", [-0.0], null)));
    }

    [Fact]
    public void ShutdownIsJustItsType()
    {
        Assert.Equal("{\"type\":\"shutdown\"}", ProtocolCodec.Encode(new ShutdownMessage()));
    }

    [Fact]
    public void PythonStyleLineDecodesWithFieldsInAnyOrderAndExtraFieldsIgnored()
    {
        var message = ProtocolCodec.DecodeImplementationMessage(
            "{\"x\": [1.0, -2.5e-10, 3], \"worker\": 1, \"future_field\": {\"a\": 1}, \"step\": 2, \"type\": \"query\"}");
        var query = Assert.IsType<QueryMessage>(message);
        Assert.Equal(2, query.Step);
        Assert.Equal(1, query.Worker);
        Assert.Equal([1.0, -2.5e-10, 3.0], query.X);
    }

    [Fact]
    public void HelloDefaultsOptionalFields()
    {
        var hello = Assert.IsType<ImplementationHello>(ProtocolCodec.DecodeImplementationMessage(
            "{\"type\":\"hello\",\"protocol_version\":\"1\",\"implementation\":\"mine\"}"));
        Assert.Equal("", hello.Version);
        Assert.Equal(["oracle"], hello.Supports);
        Assert.False(hello.BatchGradients);
    }

    [Fact]
    public void UnknownTypeDecodesToUnknownMessageForTheStateTable()
    {
        var message = ProtocolCodec.DecodeImplementationMessage("{\"type\":\"gradient_request\",\"step\":1}");
        var unknown = Assert.IsType<UnknownImplementationMessage>(message);
        Assert.Equal("gradient_request", unknown.Type);
        Assert.Equal(MessageKind.UnknownType, unknown.Kind);
    }

    [Theory]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, NaN]}", "NaN")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, Infinity]}", "Infinity")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, -Infinity]}", "-Infinity")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0,nan]}", "nan")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, 1e400]}", "1e400")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, \"NaN\"]}", "\"NaN\"")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0, null]}", "null")]
    public void NonFiniteEntryIsNamedWithFieldAndIndex(string line, string shownValue)
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeImplementationMessage(line));
        var error = Assert.IsType<NonFiniteValue>(exception.Error);
        Assert.Equal("query.x", error.Field);
        Assert.Equal(1, error.Index);
        Assert.Contains(shownValue, error.Value);
        Assert.Contains("query.x[1]", error.Message);
    }

    [Fact]
    public void NonFiniteEntryInABatchRowNamesTheRow()
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeImplementationMessage(
            "{\"type\":\"query_batch\",\"step\":1,\"x\":[[1.0,2.0],[3.0,NaN]]}"));
        var error = Assert.IsType<NonFiniteValue>(exception.Error);
        Assert.Equal("query_batch.x[1]", error.Field);
        Assert.Equal(1, error.Index);
    }

    [Fact]
    public void NaNInsideAStringIsNotMistakenForABareToken()
    {
        var log = Assert.IsType<LogMessage>(ProtocolCodec.DecodeImplementationMessage("{\"type\":\"log\",\"message\":\"loss NaN, Infinity\"}"));
        Assert.Equal("loss NaN, Infinity", log.Message);
    }

    [Fact]
    public void EncodingANonFiniteGradientIsRefusedWithTheField()
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.Encode(new GradientsMessage(1, [[0.0], [double.NaN]])));
        var error = Assert.IsType<NonFiniteValue>(exception.Error);
        Assert.Equal("gradients.g[1]", error.Field);
        Assert.Equal(0, error.Index);
    }

    [Theory]
    [InlineData("epoch 1: loss=0.25", "not valid JSON")]
    [InlineData("[1, 2, 3]", "expected a JSON object, found array")]
    [InlineData("{\"step\": 1}", "no \"type\" field")]
    [InlineData("{\"type\": 7}", "\"type\" must be a string")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0}", "lacks the required field \"x\"")]
    [InlineData("{\"type\":\"log\",\"message\":\"a\",\"message\":\"b\"}", "not valid JSON")]
    [InlineData("{\"type\":\"log\",\"message\":\"unterminated}", "not valid JSON")]
    public void MalformedLinesAreNamedWithAnExcerpt(string line, string detail)
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeImplementationMessage(line, lineNumber: 7));
        var error = Assert.IsType<MalformedMessage>(exception.Error);
        Assert.Contains(detail, error.Detail);
        Assert.Equal(7, error.LineNumber);
        Assert.Contains(line[..Math.Min(line.Length, 10)], error.Excerpt);
        Assert.Contains("line 7", error.Message);
    }

    [Theory]
    [InlineData("{\"type\":\"query\",\"step\":\"1\",\"worker\":0,\"x\":[]}", "query.step", "\"1\"")]
    [InlineData("{\"type\":\"query\",\"step\":1.5,\"worker\":0,\"x\":[]}", "query.step", "1.5")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":5}", "query.x", "5")]
    [InlineData("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1,true]}", "query.x[1]", "true")]
    [InlineData("{\"type\":\"hello\",\"protocol_version\":1,\"implementation\":\"a\"}", "hello.protocol_version", "1")]
    [InlineData("{\"type\":\"hello\",\"protocol_version\":\"1\",\"implementation\":\"a\",\"batch_gradients\":\"yes\"}", "hello.batch_gradients", "\"yes\"")]
    [InlineData("{\"type\":\"sync\",\"step\":2,\"workers\":[0,\"one\"]}", "sync.workers[1]", "\"one\"")]
    public void IllTypedFieldsAreNamedWithValueAndWhatIsAllowed(string line, string field, string value)
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeImplementationMessage(line));
        var error = Assert.IsType<InvalidField>(exception.Error);
        Assert.Equal(field, error.Field);
        Assert.Equal(value, error.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Allowed));
    }

    [Fact]
    public void ExcerptOfAHugeLineIsShort()
    {
        var line = new string('x', 1_000_000);
        var error = Assert.IsType<MalformedMessage>(Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeImplementationMessage(line)).Error);
        Assert.True(error.Message.Length < 600, $"message of {error.Message.Length} characters");
        Assert.Contains("1000000 characters", error.Excerpt);
    }

    [Fact]
    public void UnknownHarnessMessageTypeIsNamed()
    {
        var exception = Assert.Throws<ProtocolException>(() => ProtocolCodec.DecodeHarnessMessage("{\"type\":\"reboot\"}"));
        Assert.Equal("reboot", Assert.IsType<UnknownMessage>(exception.Error).Type);
    }
}
