using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>
/// Model-based test of the whole session: a scripted in-process implementation sends a random mixture of valid and
/// invalid messages during an oracle run; an independent reference model predicts the outcome (success, or the
/// named error and rule). The session must agree every time and never throw.
/// </summary>
public sealed class SessionScriptPropertyTests
{
    internal enum TokenKind { NextQuery, WorkerNext, WorkerSkip, Query, Sync, Log, Result, Unknown, Malformed, NaNQuery, Hello, Error }

    /// <summary>One scripted line. For Query: Step, Worker, Length; for Sync: Step; for Result: IdOk, LengthOk.</summary>
    internal sealed record Token(TokenKind Kind, int Step = 0, int Worker = 0, int Length = 0, bool IdOk = true, bool LengthOk = true)
    {
        public override string ToString() => Kind switch
        {
            TokenKind.Query => $"Query(s={Step},w={Worker},len={Length})",
            TokenKind.WorkerNext => $"WorkerNext(w={Worker})",
            TokenKind.WorkerSkip => $"WorkerSkip(w={Worker})",
            TokenKind.Sync => $"Sync(s={Step})",
            TokenKind.Result => $"Result(id={IdOk},len={LengthOk})",
            _ => Kind.ToString(),
        };
    }

    internal sealed record Scenario(int Dimension, int Workers, int Steps, int[] SyncSteps, Token[] Script)
    {
        public override string ToString() =>
            $"d={Dimension} N={Workers} T={Steps} I=[{string.Join(",", SyncSteps)}] script: {string.Join(" ", Script.Select(token => token.ToString()))}";
    }

    private static Gen<Scenario> Scenarios { get; } =
        from dimension in Gen.Choose(1, 2)
        from workers in Gen.Choose(1, 3)
        from steps in Gen.Choose(1, 3)
        from syncMask in Gen.Choose(0, (1 << (steps - 1)) - 1)
        let syncSteps = Enumerable.Range(1, steps - 1).Where(step => (syncMask & (1 << (step - 1))) != 0).Append(steps).ToArray()
        from length in Gen.Choose(0, workers * steps + 3)
        from script in Gen.ArrayOf(TokenGen(dimension, workers, steps), length)
        select new Scenario(dimension, workers, steps, syncSteps, script);

    private static Gen<Token> TokenGen(int dimension, int workers, int steps) => Gen.Frequency(
        (24, Gen.Constant(new Token(TokenKind.NextQuery))),
        (8, Gen.Choose(0, workers - 1).Select(worker => new Token(TokenKind.WorkerNext, Worker: worker))),
        (1, Gen.Choose(0, workers - 1).Select(worker => new Token(TokenKind.WorkerSkip, Worker: worker))),
        (3, from step in Gen.Choose(0, steps + 1)
            from worker in Gen.Choose(-1, workers)
            from length in Gen.Elements(dimension, dimension, dimension + 1)
            select new Token(TokenKind.Query, step, worker, length)),
        (2, Gen.Choose(0, steps + 1).Select(step => new Token(TokenKind.Sync, step))),
        (2, Gen.Constant(new Token(TokenKind.Log))),
        (1, from idOk in Gen.Elements(true, true, false)
            from lengthOk in Gen.Elements(true, true, false)
            select new Token(TokenKind.Result, IdOk: idOk, LengthOk: lengthOk)),
        (1, Gen.Elements(TokenKind.Unknown, TokenKind.Malformed, TokenKind.NaNQuery, TokenKind.Hello, TokenKind.Error).Select(kind => new Token(kind))));

    /// <summary>The expected outcome: null for success, else the error's type name plus its rule.</summary>
    private static string? Predict(Scenario scenario)
    {
        var next = Enumerable.Repeat(1, scenario.Workers).ToArray();
        var served = 0;
        var nextQueryCount = 0;
        foreach (var token in scenario.Script.Append(new Token(TokenKind.Result)))
        {
            switch (token.Kind)
            {
                case TokenKind.Log: continue;
                case TokenKind.Hello: return "UnexpectedMessage:DuplicateHello";
                case TokenKind.Unknown: return "UnknownMessage";
                case TokenKind.Malformed: return "MalformedMessage";
                case TokenKind.NaNQuery: return "NonFiniteValue";
                case TokenKind.Error: return "ImplementationReportedError";
                case TokenKind.Sync:
                    if (served == 0) return "UnexpectedMessage:SyncBeforeQuery";
                    if (token.Step < 1 || token.Step > scenario.Steps) return "InvalidField";
                    continue;
                case TokenKind.Result:
                    if (served == 0) return "UnexpectedMessage:ResultBeforeQuery";
                    if (served < scenario.Workers * scenario.Steps) return "UnexpectedMessage:ResultBeforeRunComplete";
                    if (!token.IdOk) return "InvalidField";
                    return token.LengthOk ? null : "WrongVectorLength";
            }
            // A query: NextQuery walks the steps in step-major, worker-minor order; WorkerNext asks for the step
            // after the worker's last accepted one (which may cross an averaging step too early); WorkerSkip the one after that.
            var (step, worker, length) = token.Kind switch
            {
                TokenKind.NextQuery => (nextQueryCount / scenario.Workers + 1, nextQueryCount++ % scenario.Workers, scenario.Dimension),
                TokenKind.WorkerNext => (next[token.Worker], token.Worker, scenario.Dimension),
                TokenKind.WorkerSkip => (next[token.Worker] + 1, token.Worker, scenario.Dimension),
                _ => (token.Step, token.Worker, token.Length),
            };
            if (served == scenario.Workers * scenario.Steps) return "UnexpectedMessage:QueryAfterRunComplete";
            if (worker < 0 || worker >= scenario.Workers || step < 1 || step > scenario.Steps) return "InvalidField";
            if (length != scenario.Dimension) return "WrongVectorLength";
            if (step < next[worker]) return "QueryOrderViolation:Duplicate";
            if (step > next[worker]) return "QueryOrderViolation:SkippedStep";
            var barrier = scenario.SyncSteps.Where(sync => sync < step).DefaultIfEmpty(0).Max();
            if (barrier > 0 && next.Any(other => other <= barrier)) return "QueryOrderViolation:SyncBarrier";
            next[worker]++;
            served++;
        }
        throw new InvalidOperationException("unreachable: the script always ends with a result");
    }

    private static string? Describe(ProtocolOutcome<RunResult> outcome) => outcome.Error switch
    {
        null => null,
        UnexpectedMessage unexpected => "UnexpectedMessage:" + unexpected.Violation,
        QueryOrderViolation order => "QueryOrderViolation:" + order.Rule,
        var error => error.GetType().Name,
    };

    private static Func<InProcessImplementationEndpoint, CancellationToken, Task> Implementation(Scenario scenario) => async (endpoint, token) =>
    {
        await InProcessScripts.HandshakeAsync(endpoint, token);
        var run = await InProcessScripts.ExpectAsync<RunMessage>(endpoint, token);
        var nextQueryCount = 0;
        var accepted = Enumerable.Repeat(0, scenario.Workers).ToArray();
        foreach (var item in scenario.Script.Append(new Token(TokenKind.Result)))
        {
            var zeros = new double[scenario.Dimension];
            switch (item.Kind)
            {
                case TokenKind.NextQuery:
                case TokenKind.WorkerNext:
                case TokenKind.WorkerSkip:
                case TokenKind.Query:
                    var (step, worker, length) = item.Kind switch
                    {
                        TokenKind.NextQuery => (nextQueryCount / scenario.Workers + 1, nextQueryCount++ % scenario.Workers, scenario.Dimension),
                        TokenKind.WorkerNext => (accepted[item.Worker] + 1, item.Worker, scenario.Dimension),
                        TokenKind.WorkerSkip => (accepted[item.Worker] + 2, item.Worker, scenario.Dimension),
                        _ => (item.Step, item.Worker, item.Length),
                    };
                    await endpoint.SendAsync(new QueryMessage(step, worker, new double[length]), token);
                    // Anything but a gradient means the harness rejected the query and is ending the session.
                    if (await endpoint.ReceiveAsync(token) is not GradientMessage answer) return;
                    accepted[answer.Worker] = Math.Max(accepted[answer.Worker], answer.Step);
                    break;
                case TokenKind.Sync: await endpoint.SendAsync(new SyncMessage(item.Step, null), token); break;
                case TokenKind.Log: await endpoint.SendAsync(new LogMessage("note"), token); break;
                case TokenKind.Result:
                    await endpoint.SendAsync(new ResultMessage(item.IdOk ? run.RunId : "wrong", item.LengthOk ? zeros : [.. zeros, 1.0], null), token);
                    break;
                case TokenKind.Unknown: await endpoint.SendLineAsync("{\"type\":\"progress\",\"step\":1}", token); break;
                case TokenKind.Malformed: await endpoint.SendLineAsync("step 1 done", token); break;
                case TokenKind.NaNQuery: await endpoint.SendLineAsync("{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[NaN]}", token); break;
                case TokenKind.Hello: await endpoint.SendAsync(InProcessScripts.Hello(), token); break;
                case TokenKind.Error: await endpoint.SendAsync(new ImplementationErrorMessage("gave up"), token); break;
            }
        }
        await Task.Delay(Timeout.Infinite, token);
    };

    [Fact]
    public void RandomScriptsEndExactlyAsTheReferenceModelPredicts()
    {
        var outcomes = new Dictionary<string, int>();
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var run = new RunMessage("property", scenario.Dimension, scenario.Workers, scenario.Steps, new double[scenario.Dimension],
                Enumerable.Repeat(0.1, scenario.Steps).ToArray(), new CommunicationSchedule("explicit", ProtocolJson.EmptyObject, scenario.SyncSteps),
                OutputIterateNames.LastAverage);
            string? actual;
            try
            {
                actual = RunSessionAsync(scenario, run).GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                return Prop.Label(false, $"the session threw {exception.GetType().Name}: {exception.Message}");
            }
            var expected = Predict(scenario);
            outcomes[expected ?? "Success"] = outcomes.GetValueOrDefault(expected ?? "Success") + 1;
            return Prop.Label(actual == expected, $"expected {expected ?? "success"}, session gave {actual ?? "success"}");
        }).Check(ProtocolPropertyConfig.With(300));
        // The generator must reach success and the run-level violations, or the property proves little.
        foreach (var required in new[] { "Success", "QueryOrderViolation:Duplicate", "UnexpectedMessage:ResultBeforeRunComplete", "InvalidField", "WrongVectorLength",
                     "QueryOrderViolation:SyncBarrier", "QueryOrderViolation:SkippedStep", "UnexpectedMessage:QueryAfterRunComplete" })
            Assert.True(outcomes.ContainsKey(required), $"no scenario ended in {required}; outcomes: {string.Join(", ", outcomes)}");
    }

    private static async Task<string?> RunSessionAsync(Scenario scenario, RunMessage run)
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(Implementation(scenario)), InProcessScripts.FastOptions);
        var hello = await session.HandshakeAsync();
        if (!hello.Succeeded) return "handshake failed: " + hello.Error;
        return Describe(await session.RunOracleAsync(run, query => new double[scenario.Dimension]));
    }
}
