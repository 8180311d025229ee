using System.Globalization;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Algorithm;

/// <summary>
/// One instance of Local SGD (claims.md §1): N workers, T steps from x0, step sizes η_t, a communication
/// schedule I, the returned iterate and the checkpoints at which the error is recorded.
/// </summary>
public sealed record LocalSgdConfiguration
{
    /// <summary>
    /// Builds and checks the configuration; every violation names its field. A <see cref="HeterogeneousQuadratics"/>
    /// problem must be run with exactly its number of workers (<see cref="HeterogeneousQuadratics.RequireWorkerCount"/>).
    /// </summary>
    public LocalSgdConfiguration(IProblem problem, int workers, int steps, IReadOnlyList<double> initialPoint,
        IStepSizeSchedule stepSize, ICommunicationSchedule communication, OutputIterate? output = null,
        IReadOnlyList<int>? checkpoints = null, double divergenceBound = 1e100)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequireAtLeast("steps", steps, 1);
        // A heterogeneous problem holds one objective per worker: with another N, F would not be their mean.
        if (problem is HeterogeneousQuadratics heterogeneous) heterogeneous.RequireWorkerCount(workers);
        if (problem is LeastSquares leastSquares) leastSquares.RequireWorkerCount(workers);
        if (initialPoint.Count != problem.Dimension)
            throw new ProblemParameterException("x0", $"a vector of length {initialPoint.Count}", $"a vector of length {problem.Dimension} (the problem's dimension)");
        for (int k = 0; k < initialPoint.Count; k++) ProblemParameterException.RequireFinite($"x0[{k}]", initialPoint[k]);
        ProblemParameterException.RequirePositive("divergence_bound", divergenceBound);

        var points = (checkpoints ?? [steps]).ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] < 1 || points[i] > steps)
                throw new ProblemParameterException($"checkpoints[{i}]", points[i].ToString(CultureInfo.InvariantCulture), $"a step in 1..{steps}");
            if (i > 0 && points[i] <= points[i - 1])
                throw new ProblemParameterException($"checkpoints[{i}]", points[i].ToString(CultureInfo.InvariantCulture), "a strictly increasing list of steps");
        }
        Problem = problem; Workers = workers; Steps = steps; InitialPoint = initialPoint.ToArray();
        StepSize = stepSize; Communication = communication; Output = output ?? OutputIterate.LastAverage;
        Checkpoints = points; DivergenceBound = divergenceBound;
        for (int t = 0; t < steps; t++)
        {
            double eta = stepSize.At(t);
            if (!double.IsFinite(eta) || eta <= 0)
                throw new ProblemParameterException("step_size", $"η_{t} = {NumberText.RoundTrip(eta)}", "a schedule giving a finite η_t > 0 at every step");
        }
    }

    /// <summary>The objective and its oracle.</summary>
    public IProblem Problem { get; init; }

    /// <summary>N.</summary>
    public int Workers { get; init; }

    /// <summary>T.</summary>
    public int Steps { get; init; }

    /// <summary>x0, shared by every worker.</summary>
    public IReadOnlyList<double> InitialPoint { get; init; }

    /// <summary>η_t.</summary>
    public IStepSizeSchedule StepSize { get; init; }

    /// <summary>The set I.</summary>
    public ICommunicationSchedule Communication { get; init; }

    /// <summary>The returned iterate.</summary>
    public OutputIterate Output { get; init; }

    /// <summary>Steps (1..T, increasing) after which the output's error is recorded.</summary>
    public IReadOnlyList<int> Checkpoints { get; init; }

    /// <summary>|x_k| past this bound counts as divergence.</summary>
    public double DivergenceBound { get; init; }

    /// <summary>The context the communication schedule sees.</summary>
    public ScheduleContext ScheduleContext => new(Steps, Workers, StepSize);

    /// <summary>The sync steps when they do not depend on the run, otherwise null.</summary>
    public int[]? StaticSyncSteps => Communication.DependsOnRun ? null : SyncSteps.Of(Communication, ScheduleContext);
}
