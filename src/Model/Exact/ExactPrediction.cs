namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact expectations for one Local SGD configuration at its checkpoints: E[F(output)] − F*, E F(x̄^t) − F* and
/// E F(x_i^t) − F* (one worker), and which recursion produced them.
/// </summary>
public sealed record ExactPrediction(
    string Method,
    IReadOnlyList<int> Checkpoints,
    IReadOnlyList<double> OutputErrors,
    IReadOnlyList<double> AverageErrors,
    IReadOnlyList<double> WorkerErrors);
