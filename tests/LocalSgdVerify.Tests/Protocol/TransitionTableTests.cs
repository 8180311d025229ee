using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Protocol;

public sealed class TransitionTableTests
{
    [Fact]
    public void TableHasACellForEveryStateAndKind()
    {
        Assert.Equal(Enum.GetValues<SessionState>().Length * Enum.GetValues<MessageKind>().Length, TransitionTable.Cells.Count);
    }

    [Fact]
    public void EveryCellAgreesWithTheIndependentSpecification()
    {
        foreach (var state in Enum.GetValues<SessionState>())
        {
            foreach (var kind in Enum.GetValues<MessageKind>())
            {
                var expected = ProtocolSpecificationModel.Next(state, kind);
                var actual = TransitionTable.Lookup(state, kind);
                Assert.True(expected.Next == actual.Next && expected.Violation == actual.Violation,
                    $"({state}, {kind}): specification says {expected.Next}/{expected.Violation}, table says {actual.Next}/{actual.Violation}");
            }
        }
    }

    [Theory]
    [InlineData(SessionState.Ready, MessageKind.Query, ProtocolViolation.QueryBeforeRun)]
    [InlineData(SessionState.RunStarted, MessageKind.Result, ProtocolViolation.ResultBeforeQuery)]
    [InlineData(SessionState.Running, MessageKind.Result, ProtocolViolation.ResultBeforeRunComplete)]
    [InlineData(SessionState.AwaitingHello, MessageKind.Query, ProtocolViolation.HandshakeIgnored)]
    [InlineData(SessionState.Running, MessageKind.UnknownType, ProtocolViolation.UnknownMessageType)]
    [InlineData(SessionState.Closed, MessageKind.Log, ProtocolViolation.MessageAfterShutdown)]
    [InlineData(SessionState.BlackboxRunning, MessageKind.Query, ProtocolViolation.QueryInBlackboxMode)]
    public void NamedViolationsOfTheBrief(SessionState state, MessageKind kind, ProtocolViolation violation)
    {
        var cell = TransitionTable.Lookup(state, kind);
        Assert.Equal(violation, cell.Violation);
        Assert.Equal(SessionState.Failed, cell.Next);
    }

    [Fact]
    public void HarnessOutOfTurnLeavesTheStateUnchanged()
    {
        var machine = new ProtocolStateMachine();
        var transition = machine.Apply(MessageKind.Run);
        Assert.Equal(ProtocolViolation.HarnessOutOfTurn, transition.Violation);
        Assert.Equal(SessionState.Created, machine.State);
    }

    [Fact]
    public void HappyOracleLifeCycleIsValidThroughout()
    {
        var machine = new ProtocolStateMachine();
        MessageKind[] events =
        [
            MessageKind.HarnessHello, MessageKind.Log, MessageKind.ImplementationHello, MessageKind.Run,
            MessageKind.Query, MessageKind.Gradient, MessageKind.QueryBatch, MessageKind.Gradients, MessageKind.Sync,
            MessageKind.AllGradientsServed, MessageKind.Sync, MessageKind.Result, MessageKind.RunBlackbox, MessageKind.Result,
            MessageKind.Shutdown,
        ];
        foreach (var kind in events) Assert.True(machine.Apply(kind).IsValid, $"{kind} rejected in {machine.State}");
        Assert.Equal(SessionState.Closed, machine.State);
    }

    [Theory]
    [InlineData(ProtocolViolation.ResultBeforeQuery, "result_before_query")]
    [InlineData(ProtocolViolation.HandshakeIgnored, "handshake_ignored")]
    [InlineData(ProtocolViolation.MessageAfterShutdown, "message_after_shutdown")]
    public void ViolationCodesAreSnakeCase(ProtocolViolation violation, string code)
    {
        Assert.Equal(code, TransitionTable.CodeOf(violation));
    }

    [Fact]
    public void MarkdownShowsEveryStateEveryViolationAndASampleCell()
    {
        var markdown = TransitionTable.RenderMarkdown();
        foreach (var state in Enum.GetValues<SessionState>()) Assert.Contains($"| {state} |", markdown);
        foreach (var violation in Enum.GetValues<ProtocolViolation>()) Assert.Contains($"`{TransitionTable.CodeOf(violation)}`", markdown);
        var readyRow = markdown.Split('\n').First(line => line.StartsWith("| Ready |", StringComparison.Ordinal));
        Assert.Contains("✗ `query_before_run`", readyRow);
    }

    [Fact]
    public void DocumentationCarriesTheCurrentTable()
    {
        var documentation = File.ReadAllText(RepositoryPaths.Of("docs", "protocol.md"));
        Assert.True(documentation.Replace("\r\n", "\n").Contains(TransitionTable.RenderMarkdown().Replace("\r\n", "\n"), StringComparison.Ordinal),
            "docs/protocol.md does not contain TransitionTable.RenderMarkdown(); paste the current rendering into its state-table section.");
    }

    [Fact]
    public void TheStatelessConfigurationAcceptsExactlyTheValidCellsAndLeadsWhereTheyLead()
    {
        // Read from Stateless's own description of the configured machine, not by firing it.
        var current = SessionState.Created;
        var info = ProtocolLifeCycle.Create(() => current, next => current = next).GetInfo();
        var configured = info.States.SelectMany(state => state.FixedTransitions.Select(transition =>
            ((SessionState)state.UnderlyingState, (MessageKind)transition.Trigger.UnderlyingTrigger, (SessionState)transition.DestinationState.UnderlyingState))).ToList();
        var valid = TransitionTable.Cells.Where(cell => cell.Value.IsValid).Select(cell => (cell.Key.State, cell.Key.Kind, cell.Value.Next)).ToList();
        Assert.Equal(valid.Order(), configured.Order());
        Assert.Equal(SessionState.Created, (SessionState)info.InitialState.UnderlyingState);
    }

    [Fact]
    public void DocumentationCarriesTheCurrentLifeCycleDiagram()
    {
        var documentation = File.ReadAllText(RepositoryPaths.Of("docs", "protocol.md")).Replace("\r\n", "\n");
        var diagram = "```mermaid\n" + ProtocolLifeCycle.MermaidDiagram().Replace("\r\n", "\n").TrimEnd('\n') + "\n```";
        Assert.True(documentation.Contains(diagram, StringComparison.Ordinal),
            "docs/protocol.md does not contain ProtocolLifeCycle.MermaidDiagram() in a ```mermaid block; paste the current export into §5:\n" + diagram);
    }

    /// <summary>
    /// Model-based test with FsCheck.Experimental: random event sequences (biased towards events the model accepts, so
    /// runs get deep), after every event the machine's state and the named violation must equal the model's.
    /// </summary>
    [Fact]
    public void RandomEventSequencesFollowTheModel()
    {
        var visited = new HashSet<(SessionState, MessageKind)>();
        StateMachine.ToProperty(new ProtocolMachine(visited)).Check(ProtocolPropertyConfig.With(800));
        // The sequences must have exercised every cell, including those deep in a run.
        var missing = TransitionTable.Cells.Keys.Where(cell => !visited.Contains(cell)).ToList();
        Assert.True(missing.Count == 0, "cells never exercised: " + string.Join(", ", missing));
    }

    internal sealed record ModelState(SessionState State, ProtocolViolation? LastViolation);

    private sealed class ProtocolMachine(HashSet<(SessionState, MessageKind)> visited) : Machine<ProtocolStateMachine, ModelState>(30)
    {
        private static readonly MessageKind[] AllKinds = Enum.GetValues<MessageKind>();
        private static readonly MessageKind[] Terminal =
            [MessageKind.Shutdown, MessageKind.HarnessError, MessageKind.ImplementationError, MessageKind.Fault];

        // Runs start in a random state, reached from Created by a fixed valid path, so deep states are tested as often as shallow ones.
        private static readonly Dictionary<SessionState, MessageKind[]> PathTo = new()
        {
            [SessionState.Created] = [],
            [SessionState.AwaitingHello] = [MessageKind.HarnessHello],
            [SessionState.Ready] = [MessageKind.HarnessHello, MessageKind.ImplementationHello],
            [SessionState.RunStarted] = [MessageKind.HarnessHello, MessageKind.ImplementationHello, MessageKind.Run],
            [SessionState.AnswerPending] = [MessageKind.HarnessHello, MessageKind.ImplementationHello, MessageKind.Run, MessageKind.Query],
            [SessionState.Running] = [MessageKind.HarnessHello, MessageKind.ImplementationHello, MessageKind.Run, MessageKind.Query, MessageKind.Gradient],
            [SessionState.AwaitingResult] = [MessageKind.HarnessHello, MessageKind.ImplementationHello, MessageKind.Run, MessageKind.Query, MessageKind.Gradient, MessageKind.AllGradientsServed],
            [SessionState.BlackboxRunning] = [MessageKind.HarnessHello, MessageKind.ImplementationHello, MessageKind.RunBlackbox],
            [SessionState.Closed] = [MessageKind.Shutdown],
            [SessionState.Failed] = [MessageKind.Fault],
        };

        public override Arbitrary<Setup<ProtocolStateMachine, ModelState>> Setup =>
            Gen.Elements(Enum.GetValues<SessionState>()).Select(state => (Setup<ProtocolStateMachine, ModelState>)new StartIn(state, PathTo[state])).ToArbitrary();

        public override Gen<Operation<ProtocolStateMachine, ModelState>> Next(ModelState model)
        {
            // Mostly events that keep a session alive, so runs reach deep states; sometimes any event at all.
            var progressing = AllKinds.Where(kind => ProtocolSpecificationModel.Next(model.State, kind).Violation is null && !Terminal.Contains(kind)).ToArray();
            var kinds = progressing.Length == 0
                ? Gen.Elements(AllKinds)
                : Gen.Frequency((1, Gen.Elements(progressing)), (1, Gen.Elements(AllKinds)));
            return kinds.Select(kind => (Operation<ProtocolStateMachine, ModelState>)new ApplyEvent(kind, visited));
        }
    }

    private sealed class StartIn(SessionState state, MessageKind[] path) : Setup<ProtocolStateMachine, ModelState>
    {
        public override ProtocolStateMachine Actual()
        {
            var machine = new ProtocolStateMachine();
            foreach (var kind in path) machine.Apply(kind);
            return machine;
        }

        public override ModelState Model() => new(state, null);

        public override string ToString() => $"start in {state} via [{string.Join(", ", path)}]";
    }

    private sealed class ApplyEvent(MessageKind kind, HashSet<(SessionState, MessageKind)> visited) : Operation<ProtocolStateMachine, ModelState>
    {
        public override ModelState Run(ModelState model)
        {
            var (next, violation) = ProtocolSpecificationModel.Next(model.State, kind);
            return new ModelState(next, violation);
        }

        public override Property Check(ProtocolStateMachine actual, ModelState model)
        {
            visited.Add((actual.State, kind));
            Transition transition;
            try
            {
                transition = actual.Apply(kind);
            }
            catch (Exception exception)
            {
                return Prop.Label(false, $"{kind} threw {exception.GetType().Name}: {exception.Message}");
            }
            return Prop.Label(transition.Next == model.State && actual.State == model.State && transition.Violation == model.LastViolation,
                $"{kind}: machine {actual.State}/{transition.Violation}, model {model.State}/{model.LastViolation}");
        }

        public override string ToString() => kind.ToString();
    }
}
