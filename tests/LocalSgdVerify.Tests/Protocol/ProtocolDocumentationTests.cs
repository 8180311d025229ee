using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>docs/protocol.md must stay true: its JSON examples decode, and its example session is what the harness does.</summary>
public sealed class ProtocolDocumentationTests
{
    private static readonly string[] Documentation =
        File.ReadAllText(RepositoryPaths.Of("docs", "protocol.md")).Replace("\r\n", "\n").Split('\n');

    private static IEnumerable<string> BlockLines(string language)
    {
        var inside = false;
        foreach (var line in Documentation)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inside = !inside && line == "```" + language;
                continue;
            }
            if (inside && line.Length > 0) yield return line;
        }
    }

    [Fact]
    public void EveryJsonExampleIsAValidMessage()
    {
        var examples = BlockLines("json").ToList();
        Assert.True(examples.Count >= 14, $"expected an example for each of the 14 messages, found {examples.Count}");
        foreach (var line in examples)
        {
            var asImplementation = TryDecode(() => ProtocolCodec.DecodeImplementationMessage(line));
            var asHarness = TryDecode(() => ProtocolCodec.DecodeHarnessMessage(line));
            Assert.True(asImplementation is not (null or UnknownImplementationMessage) || asHarness is not null, $"example does not decode: {line}");
        }
    }

    private static object? TryDecode(Func<object> decode)
    {
        try
        {
            return decode();
        }
        catch (ProtocolException)
        {
            return null;
        }
    }

    [Fact]
    public async Task ExampleSessionIsExactlyWhatTheHarnessExchanges()
    {
        var transcript = BlockLines("text").Where(line => line.StartsWith("→ ", StringComparison.Ordinal) || line.StartsWith("← ", StringComparison.Ordinal)).ToList();
        Assert.True(transcript.Count >= 10, "the example session was not found in docs/protocol.md");
        var mismatches = new List<string>();
        var transport = InProcessTransport.Start(async (endpoint, token) =>
        {
            foreach (var line in transcript)
            {
                var json = line[2..];
                if (line[0] == '←')
                {
                    await endpoint.SendLineAsync(json, token);
                    continue;
                }
                var received = await endpoint.ReceiveLineAsync(token);
                if (received != json) mismatches.Add($"documented {json}\n   harness sent {received}");
            }
        });
        await using var session = new ProtocolSession(transport, InProcessScripts.FastOptions with { HarnessVersion = "0.1.0" });
        Assert.True((await session.HandshakeAsync(TestContext.Current.CancellationToken)).Succeeded);
        var outcome = await session.RunOracleAsync(InProcessScripts.ExampleRun(), InProcessScripts.ExampleOracle,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal([-1.625], outcome.Value.X);
        var shutdown = await session.ShutdownAsync(TestContext.Current.CancellationToken);
        Assert.True(shutdown.Succeeded && shutdown.Value.Clean, shutdown.ToString());
        Assert.Empty(mismatches);
    }
}
