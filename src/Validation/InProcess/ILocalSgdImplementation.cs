using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.InProcess;

/// <summary>
/// A .NET Local SGD implementation validated in-process, without a child process: the harness hosts it behind an
/// <see cref="InProcessImplementationHost"/> that speaks the same protocol a child process would, so every check and
/// every diagnosis applies unchanged.
/// </summary>
public interface ILocalSgdImplementation
{
    /// <summary>Name for reports (the <c>implementation</c> field of the hello).</summary>
    string Name { get; }

    /// <summary>
    /// Runs one oracle-mode run: for every step s = 1..T and worker i = 0..N−1 take the gradient from
    /// <paramref name="oracle"/> at the worker's current point, apply y_i = x_i − η_s g_i, average after the steps in
    /// <c>run.Schedule.SyncSteps</c>, and return the output iterate <c>run.Output</c>.
    /// </summary>
    double[] RunOracle(RunMessage run, IGradientSource oracle);
}

/// <summary>An in-process implementation that also supports blackbox mode (it draws its own noise).</summary>
public interface IBlackboxLocalSgdImplementation : ILocalSgdImplementation
{
    /// <summary>Runs the named problem family with noise seeded by <c>run.Seed</c> and returns the output iterate.</summary>
    double[] RunBlackbox(BlackboxRunMessage run);
}

/// <summary>The harness's gradients, as seen by an in-process implementation.</summary>
public interface IGradientSource
{
    /// <summary>The stochastic gradient of <paramref name="worker"/> (0-based) at step <paramref name="step"/> (1-based) at <paramref name="point"/>.</summary>
    double[] Gradient(int step, int worker, double[] point);

    /// <summary>Optional: reports that the workers averaged after <paramref name="step"/>.</summary>
    void ReportSync(int step);
}
