using System.Globalization;
using LocalSgdVerify.Model.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// L2-regularised logistic regression on synthetic data (claims.md §2: smooth, strongly convex, non-quadratic):
/// <c>F(x) = (1/n) Σ_i ln(1 + exp(−y_i a_iᵀx)) + (λ/2)‖x‖²</c>. Features <c>a_i ~ N(0, I_d)</c>, a true weight
/// vector <c>w ~ N(0, I_d)</c> and labels <c>y_i = +1</c> with probability <c>σ(a_iᵀw)</c>, else −1, all from the
/// data seed. The stochastic gradient averages B examples drawn uniformly with replacement:
/// <c>g = (1/B) Σ_j −y_j σ(−y_j a_jᵀx) a_j + λx</c>.
/// μ = λ and <c>L = λ + λ_max(AᵀA)/(4n)</c>, since the logistic loss has second derivative σ(1 − σ) ≤ ¼.
/// x* and F* come from Newton's method with backtracking, run until the step stops shrinking.
/// </summary>
public sealed class LogisticRegression : IProblem
{
    private const int FeaturePurpose = 0, WeightPurpose = 1, LabelPurpose = 2;
    private const long MaximumEntries = 1L << 28;
    private readonly double[] features; // row-major n × d
    private readonly double[] labels;   // ±1
    private readonly double[] trueWeights;
    private readonly double[] optimum;

    /// <summary>Builds n examples in d dimensions from <paramref name="dataSeed"/> with regularisation λ &gt; 0 and batch B ≥ 1.</summary>
    public LogisticRegression(int rows, int columns, double regularization, int batchSize, ulong dataSeed)
    {
        ProblemParameterException.RequireAtLeast("problem.rows", rows, 1);
        ProblemParameterException.RequireAtLeast("problem.columns", columns, 1);
        if ((long)rows * columns > MaximumEntries)
            throw new ProblemParameterException("problem.rows", rows.ToString(CultureInfo.InvariantCulture), $"rows × columns <= {MaximumEntries} (the data are held in memory)");
        ProblemParameterException.RequirePositive("problem.regularization", regularization);
        ProblemParameterException.RequireAtLeast("problem.batch_size", batchSize, 1);
        Rows = rows; Columns = columns; Regularization = regularization; BatchSize = batchSize; DataSeed = dataSeed;

        features = SyntheticData.GaussianMatrix(dataSeed, FeaturePurpose, rows, columns);
        trueWeights = SyntheticData.GaussianVector(dataSeed, WeightPurpose, columns);
        labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double probability = SmoothFunction.Logistic(RowMajorAlgebra.Dot(Row(i), trueWeights));
            labels[i] = SyntheticData.Uniform(dataSeed, LabelPurpose, i, 0) < probability ? 1.0 : -1.0;
        }

        Smoothness = regularization + new SymmetricSpectrum(RowMajorAlgebra.GramOverRows(features, rows, columns), columns).Largest / 4;
        optimum = Newton();
        OptimalValue = Value(optimum);
    }

    // Damped Newton from 0. F is λ-strongly convex with a Lipschitz Hessian, so once the full step is accepted the
    // convergence is quadratic; iterating until ‖Δ‖ stops decreasing leaves x* at round-off level.
    private double[] Newton()
    {
        int d = Columns;
        var x = new double[d];
        var gradient = new double[d];
        var trial = new double[d];
        double previousStep = double.PositiveInfinity;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            Gradient(x, gradient);
            Matrix<double> hessian = HessianAt(x);
            Vector<double> step = hessian.Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient));
            double stepNorm = step.L2Norm();
            double current = Value(x), slope = -step.DotProduct(Vector<double>.Build.DenseOfArray(gradient));
            double scale = 1;
            while (true)
            {
                for (int j = 0; j < d; j++) trial[j] = x[j] - scale * step[j];
                // Armijo condition; near the optimum the decrease is below round-off, so accept the full step there.
                if (Value(trial) <= current + 1e-4 * scale * slope || scale * stepNorm <= 1e-8 * (1 + L2(x)) || scale < 1e-10) break;
                scale /= 2;
            }
            Array.Copy(trial, x, d);
            double size = 1 + L2(x);
            if (scale == 1 && (stepNorm <= 1e-15 * size || (stepNorm >= previousStep && stepNorm <= 1e-10 * size))) break;
            previousStep = scale == 1 ? stepNorm : double.PositiveInfinity;
        }
        return x;
    }

    private static double L2(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    /// <summary>∇²F(x) = (1/n) Σ_i p_i(1 − p_i) a_i a_iᵀ + λI with p_i = σ(a_iᵀx).</summary>
    public Matrix<double> HessianAt(ReadOnlySpan<double> x)
    {
        int d = Columns;
        var hessian = new double[d * d];
        for (int i = 0; i < Rows; i++)
        {
            ReadOnlySpan<double> row = Row(i);
            double p = SmoothFunction.Logistic(RowMajorAlgebra.Dot(row, x));
            double weight = p * (1 - p);
            for (int j = 0; j < d; j++)
                for (int l = j; l < d; l++) hessian[j * d + l] += weight * row[j] * row[l];
        }
        return Matrix<double>.Build.Dense(d, d, (j, l) =>
            (j <= l ? hessian[j * d + l] : hessian[l * d + j]) / Rows + (j == l ? Regularization : 0));
    }

    /// <summary>n.</summary>
    public int Rows { get; }

    /// <summary>d.</summary>
    public int Columns { get; }

    /// <summary>λ, the L2 regularisation.</summary>
    public double Regularization { get; }

    /// <summary>B.</summary>
    public int BatchSize { get; }

    /// <summary>The seed the features, weights and labels were drawn from.</summary>
    public ulong DataSeed { get; }

    /// <summary>Features a_i of example i.</summary>
    public ReadOnlySpan<double> Row(int row) => features.AsSpan(row * Columns, Columns);

    /// <summary>Labels y_i ∈ {−1, +1}.</summary>
    public IReadOnlyList<double> Labels => labels;

    /// <summary>The weights the labels were drawn from.</summary>
    public IReadOnlyList<double> TrueWeights => trueWeights;

    /// <inheritdoc/>
    public string Family => "logistic-regression";

    /// <inheritdoc/>
    public int Dimension => Columns;

    /// <inheritdoc/>
    public double OptimalValue { get; }

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum => optimum;

    /// <summary>μ = λ.</summary>
    public double? StrongConvexity => Regularization;

    /// <summary>L = λ + λ_max(AᵀA/n)/4.</summary>
    public double? Smoothness { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["rows"] = Rows,
        ["columns"] = Columns,
        ["regularization"] = Regularization,
        ["batch_size"] = BatchSize,
        ["data_seed"] = DataSeed.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        double loss = 0, squaredNorm = 0;
        for (int i = 0; i < Rows; i++) loss += SmoothFunction.Softplus(-labels[i] * RowMajorAlgebra.Dot(Row(i), x));
        for (int j = 0; j < Columns; j++) squaredNorm += x[j] * x[j];
        return loss / Rows + 0.5 * Regularization * squaredNorm;
    }

    /// <summary>∇F(x) = (1/n) Σ_i −y_i σ(−y_i a_iᵀx) a_i + λx.</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = Columns;
        gradient[..d].Clear();
        for (int i = 0; i < Rows; i++) AddExampleLoss(i, x, gradient);
        for (int j = 0; j < d; j++) gradient[j] = gradient[j] / Rows + Regularization * x[j];
    }

    // Adds the loss part −y σ(−y aᵀx) a of example i (without λx).
    private void AddExampleLoss(int example, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ReadOnlySpan<double> row = Row(example);
        double label = labels[example];
        double coefficient = -label * SmoothFunction.Logistic(-label * RowMajorAlgebra.Dot(row, x));
        for (int j = 0; j < row.Length; j++) gradient[j] += coefficient * row[j];
    }

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(LogisticRegression problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom sampling = new(seed, NoiseStreams.RowSampling);

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            int d = problem.Columns, batch = problem.BatchSize;
            gradient[..d].Clear();
            for (int m = 0; m < batch; m++) problem.AddExampleLoss(sampling.UniformInteger(address, m, problem.Rows), x, gradient);
            for (int j = 0; j < d; j++) gradient[j] = gradient[j] / batch + problem.Regularization * x[j];
        }
    }
}
