using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>Building blocks for in-process implementations scripted by the session tests.</summary>
internal static class InProcessScripts
{
    internal static readonly SessionOptions FastOptions = new() { MessageTimeout = TimeSpan.FromSeconds(60), ShutdownTimeout = TimeSpan.FromSeconds(5) };

    internal static ImplementationHello Hello(string name = "scripted", bool batch = false, params string[] supports) =>
        new(ProtocolConstants.Version, name, "0.0.1", supports.Length == 0 ? [ProtocolConstants.OracleMode, ProtocolConstants.BlackboxMode] : supports, batch);

    /// <summary>Reads the harness hello and answers it.</summary>
    internal static async Task HandshakeAsync(InProcessImplementationEndpoint endpoint, CancellationToken token, ImplementationHello? hello = null)
    {
        var harnessHello = await endpoint.ReceiveAsync(token);
        if (harnessHello is not HarnessHello) throw new InvalidOperationException($"expected hello, got {harnessHello}");
        await endpoint.SendAsync(hello ?? Hello(), token);
    }

    /// <summary>Reads the next harness message, which must be of type T.</summary>
    internal static async Task<T> ExpectAsync<T>(InProcessImplementationEndpoint endpoint, CancellationToken token) where T : HarnessMessage
    {
        var message = await endpoint.ReceiveAsync(token);
        return message as T ?? throw new InvalidOperationException($"expected {typeof(T).Name}, got {message?.ToString() ?? "end of input"}");
    }

    /// <summary>Sends a query and returns the gradient the harness answered.</summary>
    internal static async Task<double[]> QueryAsync(InProcessImplementationEndpoint endpoint, int step, int worker, double[] x, CancellationToken token)
    {
        await endpoint.SendAsync(new QueryMessage(step, worker, x), token);
        return (await ExpectAsync<GradientMessage>(endpoint, token)).G;
    }

    /// <summary>
    /// A correct Local SGD implementation (spec §1), written plainly: y_i = x_i − η_s g_i; after s ∈ I every worker
    /// takes the average Σ_j y_j / N (summed in worker order). Uses query_batch when <paramref name="batch"/>.
    /// </summary>
    internal static Func<InProcessImplementationEndpoint, CancellationToken, Task> LocalSgd(bool batch = false, bool reportSync = false) =>
        async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token, Hello("in-process local sgd", batch));
            while (await endpoint.ReceiveAsync(token) is { } message)
            {
                if (message is ShutdownMessage) return;
                var run = (RunMessage)message;
                var points = Enumerable.Range(0, run.Workers).Select(_ => (double[])run.X0.Clone()).ToArray();
                for (var step = 1; step <= run.Steps; step++)
                {
                    double[][] gradients;
                    if (batch)
                    {
                        await endpoint.SendAsync(new QueryBatchMessage(step, points), token);
                        gradients = (await ExpectAsync<GradientsMessage>(endpoint, token)).G;
                    }
                    else
                    {
                        gradients = new double[run.Workers][];
                        for (var worker = 0; worker < run.Workers; worker++)
                            gradients[worker] = await QueryAsync(endpoint, step, worker, points[worker], token);
                    }
                    var eta = run.StepSizes[step - 1];
                    for (var worker = 0; worker < run.Workers; worker++)
                        points[worker] = points[worker].Select((value, k) => value - eta * gradients[worker][k]).ToArray();
                    if (run.Schedule.SyncSteps.Contains(step))
                    {
                        var average = WorkerAverage.Of(points);
                        points = Enumerable.Range(0, run.Workers).Select(_ => (double[])average.Clone()).ToArray();
                        if (reportSync) await endpoint.SendAsync(new SyncMessage(step, null), token);
                    }
                }
                await endpoint.SendAsync(new ResultMessage(run.RunId, points[0], run.Schedule.SyncSteps.Length), token);
            }
        };

    /// <summary>The run of docs/protocol.md's example session: d = 1, N = 2, T = 2, x0 = 0, η = 0.5, averaging after step 2.</summary>
    internal static RunMessage ExampleRun(string runId = "example", int[]? syncSteps = null) => new(
        runId, Dimension: 1, Workers: 2, Steps: 2, X0: [0.0], StepSizes: [0.5, 0.5],
        new CommunicationSchedule("one_shot", ProtocolJson.EmptyObject, syncSteps ?? [2]), OutputIterateNames.LastAverage);

    /// <summary>The example's oracle: g = x + (worker + step), so gradients differ by worker and step and depend on x.</summary>
    internal static double[] ExampleOracle(GradientQuery query) => [query.Point[0] + query.Worker + query.Step];
}
