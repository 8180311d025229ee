using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The quadratic model of a 1-D problem at its minimiser, written in the deviation y = x − x*:
/// <c>F(y) = a y²/2</c>, <c>g = a y + σ·n</c>, with a the curvature at x* and n the standard normal that
/// <see cref="ScalarProblem"/>'s oracle draws at the same address (<see cref="ScalarProblemNoise"/>).
/// Run with the 1-D problem's seed, schedule, step sizes, workers and start shifted by −x*, it sees the same noise, so its
/// iterates are the first-order (linearized) part of the 1-D problem's iterates: a control variate with exactly known
/// moments. Its gradient is formed in the order of <see cref="SeparableQuadratic"/>'s oracle with d = 1 and c = 0 and its
/// noise has the same law, so the exact engine gives E F exactly (the two draw different normals of the stream, so their
/// runs agree in distribution, not bit for bit); the reported observable "deviation" is the output's signed y, whose
/// expectation is <see cref="ExpectedDeviation"/>.
/// </summary>
public sealed class LinearizedScalarProblem : IProblem
{
    /// <summary>The observable that reports the signed deviation y of the output iterate.</summary>
    public const string DeviationObservable = "deviation";

    /// <summary>Builds the model with curvature a &gt; 0 and additive noise σ ≥ 0.</summary>
    public LinearizedScalarProblem(double curvature, double noise)
    {
        ProblemParameterException.RequirePositive("problem.curvature", curvature);
        ProblemParameterException.RequireNonNegative("problem.noise", noise);
        Curvature = curvature;
        Noise = noise;
        Observables = [new Observable(DeviationObservable, "signed deviation y = x − x* of the output iterate", x => x[0])];
    }

    /// <summary>
    /// The model of <paramref name="problem"/>: curvature (f'(x* + h) − f'(x* − h))/(2h) with h = 10⁻⁴, the symmetric
    /// difference quotient of f' at x* (f''(x*) up to O(h²) where f is twice differentiable; at a kink, the mean of the
    /// two one-sided curvatures), and the problem's σ. Any positive curvature gives a valid control — only its correlation
    /// with the problem's error, hence the variance reduction, depends on the choice.
    /// </summary>
    public static LinearizedScalarProblem Of(ScalarProblem problem)
    {
        double minimiser = Minimiser(problem);
        const double spacing = 1e-4;
        double curvature = (problem.DerivativeAt(minimiser + spacing) - problem.DerivativeAt(minimiser - spacing)) / (2 * spacing);
        return new LinearizedScalarProblem(curvature, problem.Noise);
    }

    /// <summary>x* of a 1-D problem; throws when the problem does not state one.</summary>
    public static double Minimiser(ScalarProblem problem) =>
        problem.Optimum is { Count: 1 } optimum ? optimum[0]
            : throw new ArgumentException($"problem '{problem.Family}' states no minimiser x*, which the linearized control needs", nameof(problem));

    /// <summary>a, the curvature.</summary>
    public double Curvature { get; }

    /// <summary>σ, the standard deviation of the additive gradient noise.</summary>
    public double Noise { get; }

    /// <summary>
    /// E[y of x̄ at T] = Π_{t&lt;T} (1 − η_t a) · y0 under any static schedule: each worker's mean follows
    /// m ← (1 − η_t a) m (the noise has mean zero), and averaging equal means leaves them unchanged.
    /// </summary>
    public double ExpectedDeviation(IStepSizeSchedule stepSize, int steps, double start)
    {
        double mean = start;
        for (int t = 0; t < steps; t++) mean *= 1 - stepSize.At(t) * Curvature;
        return mean;
    }

    /// <summary>
    /// y of x̄ at T for replicates 0..R−1, computed from the noise directly rather than by simulating every worker: the
    /// update is linear, so under any schedule the average obeys ȳ ← (1 − η_t a) ȳ − η_t σ n̄_t with n̄_t the mean of the
    /// workers' draws at step t, the normals <see cref="ScalarProblem"/>'s oracle uses at (replicate, worker, t). It equals
    /// the simulated run's "deviation" up to rounding (the tests hold it to 1e-12) at a fraction of the cost: one vector
    /// call draws a step's N normals, and no worker state is kept. Deterministic for any thread count.
    /// </summary>
    public double[] FinalDeviations(int workers, int steps, double start, IStepSizeSchedule stepSize, int replicates, ulong seed, int threads) =>
        FinalDeviations(workers, steps, start, stepSize, 0, replicates, seed, threads);

    /// <summary>
    /// The same for replicates <paramref name="firstReplicate"/>..<paramref name="firstReplicate"/> + <paramref name="replicates"/> − 1
    /// (replicate r's value does not depend on the range it is computed in).
    /// </summary>
    public double[] FinalDeviations(int workers, int steps, double start, IStepSizeSchedule stepSize, int firstReplicate, int replicates, ulong seed, int threads)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequireAtLeast("steps", steps, 1);
        ProblemParameterException.RequireAtLeast("first_replicate", firstReplicate, 0);
        ProblemParameterException.RequireAtLeast("replicates", replicates, 1);
        ProblemParameterException.RequireAtLeast("threads", threads, 0);
        var random = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
        double[] contraction = new double[steps], kick = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            double eta = stepSize.At(t);
            contraction[t] = 1 - eta * Curvature;
            kick[t] = eta * Noise / workers;
        }
        double[] deviations = new double[replicates];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(0, replicates, options, () => new double[workers], (index, _, draws) =>
        {
            int replicate = firstReplicate + index;
            double y = start;
            for (int t = 0; t < steps; t++)
            {
                ScalarProblemNoise.FillForWorkers(random, replicate, t, draws);
                double sum = 0;
                for (int worker = 0; worker < workers; worker++) sum += draws[worker];
                y = contraction[t] * y - kick[t] * sum;
            }
            deviations[index] = y;
            return draws;
        }, _ => { });
        return deviations;
    }

    /// <summary>The same model as a <see cref="SeparableQuadratic"/> with d = 1 and c = 0, for the exact engine.</summary>
    public SeparableQuadratic AsSeparableQuadratic() => new([Curvature], 0, Noise);

    /// <inheritdoc/>
    public string Family => "linearized-scalar";

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => 0.5 * Curvature * x[0] * x[0];

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => gradient[0] = Curvature * x[0];

    /// <inheritdoc/>
    public double OptimalValue => 0;

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum => [0.0];

    /// <inheritdoc/>
    public double? StrongConvexity => Curvature;

    /// <inheritdoc/>
    public double? Smoothness => Curvature;

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object> { ["curvature"] = Curvature, ["noise"] = Noise };

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(LinearizedScalarProblem problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
            => gradient[0] = problem.Curvature * x[0] + problem.Noise * ScalarProblemNoise.Normal(additive, address);
    }
}
