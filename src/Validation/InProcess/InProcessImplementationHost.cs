using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.InProcess;

/// <summary>
/// Speaks the implementation's side of the protocol for an <see cref="ILocalSgdImplementation"/> over an
/// <see cref="InProcessTransport"/>: answers the hello, turns each run message into a call of the implementation, and
/// each gradient request into a query line. The implementation runs on its own thread, because its gradient calls
/// block until the harness answers.
/// </summary>
public static class InProcessImplementationHost
{
    /// <summary>Starts <paramref name="implementation"/> behind a transport a <see cref="ProtocolSession"/> can drive.</summary>
    public static InProcessTransport Start(ILocalSgdImplementation implementation, TransportLimits? limits = null, Action<string>? standardErrorLine = null)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return InProcessTransport.Start((endpoint, cancellation) => Task.Factory.StartNew(
            () => Serve(implementation, endpoint, cancellation), cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default), limits, standardErrorLine);
    }

    private static void Serve(ILocalSgdImplementation implementation, InProcessImplementationEndpoint endpoint, CancellationToken cancellation)
    {
        HarnessMessage? Receive() => endpoint.ReceiveAsync(cancellation).AsTask().GetAwaiter().GetResult();
        void Send(ImplementationMessage message) => endpoint.SendAsync(message, cancellation).AsTask().GetAwaiter().GetResult();

        if (Receive() is not HarnessHello) return;
        var modes = implementation is IBlackboxLocalSgdImplementation
            ? new[] { ProtocolConstants.OracleMode, ProtocolConstants.BlackboxMode }
            : new[] { ProtocolConstants.OracleMode };
        Send(new ImplementationHello(ProtocolConstants.Version, implementation.Name, "", modes, false));
        while (Receive() is { } message)
        {
            switch (message)
            {
                case ShutdownMessage:
                case HarnessErrorMessage:
                    return;
                case RunMessage run:
                    var x = implementation.RunOracle(run, new Channel(Send, Receive));
                    Send(new ResultMessage(run.RunId, x, null));
                    break;
                case BlackboxRunMessage blackbox when implementation is IBlackboxLocalSgdImplementation own:
                    Send(new ResultMessage(blackbox.RunId, own.RunBlackbox(blackbox), null));
                    break;
                default:
                    Send(new ImplementationErrorMessage($"unexpected message {message.GetType().Name}"));
                    return;
            }
        }
    }

    private sealed class Channel(Action<ImplementationMessage> send, Func<HarnessMessage?> receive) : IGradientSource
    {
        public double[] Gradient(int step, int worker, double[] point)
        {
            send(new QueryMessage(step, worker, (double[])point.Clone()));
            return receive() switch
            {
                GradientMessage answer => answer.G,
                HarnessErrorMessage error => throw new OperationCanceledException($"the harness stopped the run: {error.Code}: {error.Message}"),
                null => throw new OperationCanceledException("the harness closed the connection"),
                var other => throw new InvalidOperationException($"expected a gradient, got {other.GetType().Name}"),
            };
        }

        public void ReportSync(int step) => send(new SyncMessage(step, null));
    }
}
