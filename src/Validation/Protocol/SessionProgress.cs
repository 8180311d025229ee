using System.Globalization;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// How far a session got, attached to every error so the user sees the last good step. For an oracle run,
/// <see cref="LastCompleteStep"/> is the largest s such that every worker's gradient for steps 1..s was served.
/// </summary>
/// <param name="State">State when the error occurred (before moving to Failed).</param>
/// <param name="RunId">The run in progress, if any.</param>
/// <param name="Steps">T of the run (0 without a run).</param>
/// <param name="Workers">N of the run (0 without a run).</param>
/// <param name="LastCompleteStep">Last step whose gradients were served to every worker (0 if none).</param>
/// <param name="GradientsServed">Gradients served in this run so far.</param>
/// <param name="LastAnsweredStep">Step of the last gradient served, if any.</param>
/// <param name="LastAnsweredWorker">Worker of the last gradient served, if any (null after a batch).</param>
/// <param name="MessagesReceived">Lines received from the implementation in the whole session.</param>
public sealed record SessionProgress(
    SessionState State, string? RunId, int Steps, int Workers, int LastCompleteStep, int GradientsServed,
    int? LastAnsweredStep, int? LastAnsweredWorker, long MessagesReceived)
{
    /// <summary>One sentence for error messages, e.g. "Last good step: 2 of 5 (run r1; 5 of 10 gradients served; last answered: worker 0 at step 3)."</summary>
    public string Describe()
    {
        var received = MessagesReceived.ToString(CultureInfo.InvariantCulture);
        if (RunId is null)
        {
            return State is SessionState.Created or SessionState.AwaitingHello
                ? $"(During the handshake; {received} lines received.)"
                : $"(No run in progress; state {State}; {received} lines received.)";
        }
        if (Workers == 0)
            return $"(Blackbox run {RunId}; {received} lines received.)";
        var total = (long)Steps * Workers;
        var last = LastAnsweredStep is { } step
            ? LastAnsweredWorker is { } worker
                ? string.Create(CultureInfo.InvariantCulture, $"; last answered: worker {worker} at step {step}")
                : string.Create(CultureInfo.InvariantCulture, $"; last answered: all workers at step {step}")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Last good step: {LastCompleteStep} of {Steps} (run {RunId}; {GradientsServed} of {total} gradients served{last}).");
    }
}
