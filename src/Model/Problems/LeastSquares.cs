using System.Globalization;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Least squares on a finite random design (claims.md §2; the PL setting of Haddadpour et al., NeurIPS 2019):
/// <c>F(x) = (1/2n) Σ_i (a_iᵀx − b_i)²</c>. The stochastic gradient averages B rows drawn uniformly with
/// replacement, <c>g = (1/B) Σ_j a_j(a_jᵀx − b_j)</c>, so its noise depends on x (multiplicative noise):
/// <c>E g = ∇F = Hx − h</c> with <c>H = AᵀA/n</c>, <c>h = Aᵀb/n</c>.
/// <para>
/// Data from the data seed: <c>a_ij = s_j z_ij</c>, z standard normal, for the first r = rank columns; each later
/// column j ≥ r is <c>s_j Σ_{l&lt;r} c_jl a_il / √r</c> with Gaussian c, a combination of the first r columns, so
/// the design has rank r (min(r, n)); <c>b_i = a_iᵀw + ν e_i</c> with w and e standard normal and ν the noise
/// level. x* is the minimum-norm least-squares solution (pseudo-inverse of H applied to h, refined on the rows'
/// residual), F* = F(x*).
/// </para>
/// <para>
/// L is the largest eigenvalue of H. <see cref="StrongConvexity"/> is the smallest nonzero eigenvalue of H: the
/// strong-convexity constant when the design has full column rank, otherwise the PL constant
/// (<c>F(x) − F* ≤ ‖∇F(x)‖²/(2μ)</c>, because ∇F = H(x − x*) and ‖He‖² ≥ μ eᵀHe); F is then not strongly convex.
/// </para>
/// <para>
/// Partitioned data (Haddadpour et al.'s setting of data spread over the workers): with P &gt; 1 partitions the rows
/// are split into P contiguous blocks of n/P rows and worker i samples only from block i, so its local objective is
/// <c>F_i(x) = (P/2n) Σ_{r ∈ block i} (a_rᵀx − b_r)²</c> with its own Hessian and minimiser, while
/// <c>F = (1/P) Σ_i F_i</c> is unchanged. P must divide n, and a run must use exactly P workers.
/// </para>
/// </summary>
public sealed class LeastSquares : IProblem
{
    private const int DesignPurpose = 0, CombinationPurpose = 1, WeightPurpose = 2, LabelNoisePurpose = 3;
    private const long MaximumEntries = 1L << 28;

    /// <summary>
    /// Column scales s_j lie in [10⁻⁶⁰, 10⁶⁰]. H = AᵀA/n has entries of order s_i s_j, and its eigendecomposition
    /// squares them (Householder norms): beyond 10⁶⁰ those squares approach the double range and overflow
    /// (10³⁰⁰ gives inf), below 10⁻⁶⁰ they underflow to zero and H has no nonzero eigenvalue left to define L and μ.
    /// </summary>
    public const double MinimumColumnScale = 1e-60, MaximumColumnScale = 1e60;
    private readonly double[] design;   // row-major n × d
    private readonly double[] targets;  // b
    private readonly double[] hessian;  // H = AᵀA/n, row-major d × d
    private readonly double[] linear;   // h = Aᵀb/n
    private readonly double[] optimum;
    private readonly double[] trueWeights;
    private readonly double[] columnScales;

    /// <summary>
    /// Builds an n × d design of rank <paramref name="rank"/> (default d) from <paramref name="dataSeed"/>, with
    /// column scales s (default 1), label noise level ν ≥ 0 and sampled batch size B ≥ 1.
    /// </summary>
    public LeastSquares(int rows, int columns, int batchSize, double noiseLevel, ulong dataSeed, int? rank = null, IReadOnlyList<double>? columnScales = null, int partitions = 1)
    {
        ProblemParameterException.RequireAtLeast("problem.partitions", partitions, 1);
        if (rows >= 1 && rows % partitions != 0)
            throw new ProblemParameterException("problem.partitions", partitions.ToString(CultureInfo.InvariantCulture), $"a divisor of rows = {rows.ToString(CultureInfo.InvariantCulture)} (the rows are split into equal contiguous blocks, one per worker)");
        Partitions = partitions;
        ProblemParameterException.RequireAtLeast("problem.rows", rows, 1);
        ProblemParameterException.RequireAtLeast("problem.columns", columns, 1);
        if ((long)rows * columns > MaximumEntries)
            throw new ProblemParameterException("problem.rows", rows.ToString(CultureInfo.InvariantCulture), $"rows × columns <= {MaximumEntries} (the design is held in memory)");
        ProblemParameterException.RequireAtLeast("problem.batch_size", batchSize, 1);
        ProblemParameterException.RequireNonNegative("problem.noise_level", noiseLevel);
        int r = rank ?? columns;
        ProblemParameterException.RequireAtLeast("problem.rank", r, 1);
        if (r > columns)
            throw new ProblemParameterException("problem.rank", r.ToString(CultureInfo.InvariantCulture), $"an integer in 1..{columns} (the number of columns)");
        if (columnScales is not null)
        {
            if (columnScales.Count != columns)
                throw new ProblemParameterException("problem.column_scales", $"a list of length {columnScales.Count}", $"a list of length {columns} (one scale per column)");
            for (int j = 0; j < columns; j++)
            {
                double scale = columnScales[j];
                if (!(scale >= MinimumColumnScale && scale <= MaximumColumnScale))
                    throw new ProblemParameterException($"problem.column_scales[{j}]", NumberText.RoundTrip(scale), ColumnScaleRange);
            }
        }
        Rows = rows; Columns = columns; BatchSize = batchSize; NoiseLevel = noiseLevel; DataSeed = dataSeed; Rank = r;
        this.columnScales = columnScales?.ToArray() ?? Enumerable.Repeat(1.0, columns).ToArray();

        design = SyntheticData.GaussianMatrix(dataSeed, DesignPurpose, rows, columns);
        // Row j of the combination matrix holds c_jl, l < r, for the dependent column j ≥ r.
        double[] combinations = SyntheticData.GaussianMatrix(dataSeed, CombinationPurpose, columns, r);
        for (int i = 0; i < rows; i++)
        {
            Span<double> row = design.AsSpan(i * columns, columns);
            for (int j = 0; j < r; j++) row[j] *= this.columnScales[j];
            for (int j = r; j < columns; j++)
            {
                double combination = 0;
                for (int l = 0; l < r; l++) combination += combinations[j * r + l] * row[l];
                row[j] = this.columnScales[j] * combination / Math.Sqrt(r);
            }
        }
        trueWeights = SyntheticData.GaussianVector(dataSeed, WeightPurpose, columns);
        targets = new double[rows];
        for (int i = 0; i < rows; i++)
            targets[i] = RowMajorAlgebra.Dot(design.AsSpan(i * columns, columns), trueWeights) + noiseLevel * SyntheticData.Normal(dataSeed, LabelNoisePurpose, i, 0);

        hessian = RowMajorAlgebra.GramOverRows(design, rows, columns);
        linear = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> row = design.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++) linear[j] += row[j] * targets[i];
        }
        for (int j = 0; j < columns; j++) linear[j] /= rows;

        var spectrum = new SymmetricSpectrum(hessian, columns);
        Smoothness = spectrum.Largest;
        StrongConvexity = spectrum.SmallestNonzero;
        NumericalRank = spectrum.Rank;
        optimum = MinimumNormSolution(spectrum);
        OptimalValue = Value(optimum);
    }

    // x* = H⁺h, then two rounds of refinement x ← x + H⁺(Aᵀ(b − Ax)/n) on the residual computed from the rows,
    // which restores the digits the normal equations lose; H⁺ keeps x in the row space, so x stays minimum-norm.
    private double[] MinimumNormSolution(SymmetricSpectrum spectrum)
    {
        int d = Columns;
        var x = new double[d];
        var residualGradient = (double[])linear.Clone();
        for (int round = 0; round < 3; round++)
        {
            ApplyPseudoInverse(spectrum, residualGradient, out double[] correction);
            for (int j = 0; j < d; j++) x[j] += correction[j];
            Array.Clear(residualGradient);
            for (int i = 0; i < Rows; i++)
            {
                ReadOnlySpan<double> row = design.AsSpan(i * d, d);
                double residual = targets[i] - RowMajorAlgebra.Dot(row, x);
                for (int j = 0; j < d; j++) residualGradient[j] += row[j] * residual;
            }
            for (int j = 0; j < d; j++) residualGradient[j] /= Rows;
        }
        return x;
    }

    private static void ApplyPseudoInverse(SymmetricSpectrum spectrum, double[] vector, out double[] result)
    {
        int d = vector.Length;
        result = new double[d];
        double threshold = spectrum.Threshold;
        for (int k = 0; k < d; k++)
        {
            double eigenvalue = spectrum.Values[k];
            if (eigenvalue <= threshold) continue;
            double projection = 0;
            for (int j = 0; j < d; j++) projection += spectrum.Vectors[j, k] * vector[j];
            for (int j = 0; j < d; j++) result[j] += spectrum.Vectors[j, k] * projection / eigenvalue;
        }
    }

    /// <summary>What a column scale accepts, as error messages say it.</summary>
    public static string ColumnScaleRange => "a number in [1e-60, 1e60] (H squares the scales; beyond that range its eigenvalues overflow or vanish)";

    /// <summary>n, the number of rows (examples).</summary>
    public int Rows { get; }

    /// <summary>d, the number of columns.</summary>
    public int Columns { get; }

    /// <summary>B, rows sampled (with replacement) per stochastic gradient.</summary>
    public int BatchSize { get; }

    /// <summary>ν, the standard deviation of the label noise in b.</summary>
    public double NoiseLevel { get; }

    /// <summary>The seed the design, weights and labels were drawn from.</summary>
    public ulong DataSeed { get; }

    /// <summary>The requested rank r of the design.</summary>
    public int Rank { get; }

    /// <summary>The number of nonzero eigenvalues of H found (min(r, n) for the generated designs).</summary>
    public int NumericalRank { get; }

    /// <summary>True when H has no zero eigenvalue, i.e. F is μ-strongly convex rather than only PL.</summary>
    public bool IsStronglyConvex => NumericalRank == Columns;

    /// <summary>Row i of the design, a_i.</summary>
    public ReadOnlySpan<double> Row(int row) => design.AsSpan(row * Columns, Columns);

    /// <summary>The targets b.</summary>
    public IReadOnlyList<double> Targets => targets;

    /// <summary>The weights w the targets were generated from (before label noise).</summary>
    public IReadOnlyList<double> TrueWeights => trueWeights;

    /// <summary>P: 1 when every worker samples from all rows; otherwise worker i samples only from the i-th of P equal contiguous blocks.</summary>
    public int Partitions { get; }

    /// <summary>
    /// Throws <see cref="ProblemParameterException"/> (field <c>workers</c>) when the data is partitioned and a run does
    /// not use exactly one worker per partition (F would no longer be the mean of the workers' objectives).
    /// </summary>
    public void RequireWorkerCount(int workers)
    {
        if (Partitions > 1 && workers != Partitions)
            throw new ProblemParameterException("workers", workers.ToString(CultureInfo.InvariantCulture),
                $"exactly {Partitions.ToString(CultureInfo.InvariantCulture)}, the number of data partitions of the least-squares problem");
    }

    /// <inheritdoc/>
    public string Family => "least-squares";

    /// <inheritdoc/>
    public int Dimension => Columns;

    /// <inheritdoc/>
    public double OptimalValue { get; }

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum => optimum;

    /// <summary>The smallest nonzero eigenvalue of H: strong convexity if full rank, else the PL constant.</summary>
    public double? StrongConvexity { get; }

    /// <inheritdoc/>
    public double? Smoothness { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, object>
            {
                ["rows"] = Rows,
                ["columns"] = Columns,
                ["rank"] = Rank,
                ["batch_size"] = BatchSize,
                ["noise_level"] = NoiseLevel,
                ["data_seed"] = DataSeed.ToString(CultureInfo.InvariantCulture),
                ["column_scales"] = columnScales.ToArray(),
            };
            // Only partitioned data names its partitions, so unpartitioned problems describe themselves as before.
            if (Partitions > 1) parameters["partitions"] = Partitions;
            return parameters;
        }
    }

    /// <summary>F(x) = (1/2n) Σ_i (a_iᵀx − b_i)², summed over the rows.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < Rows; i++)
        {
            double residual = RowMajorAlgebra.Dot(Row(i), x) - targets[i];
            sum += residual * residual;
        }
        return sum / (2.0 * Rows);
    }

    /// <summary>
    /// F(x) − F* = ½ (x − x*)ᵀH(x − x*): exact because the normal equations Hx* = h make the cross term vanish;
    /// computed this way it does not lose digits to F* when the error is small.
    /// </summary>
    public double Error(ReadOnlySpan<double> x) => RowMajorAlgebra.HalfQuadraticForm(hessian, optimum, x);

    /// <summary>∇F(x) = Hx − h.</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = Columns;
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int l = 0; l < d; l++) sum += hessian[j * d + l] * x[l];
            gradient[j] = sum - linear[j];
        }
    }

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(LeastSquares problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom sampling = new(seed, NoiseStreams.RowSampling);

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            int d = problem.Columns, batch = problem.BatchSize, partitions = problem.Partitions;
            if (partitions > 1 && (uint)address.Worker >= (uint)partitions)
                throw new ProblemParameterException("workers", $"worker index {address.Worker}",
                    $"indices 0..{partitions - 1}: the least-squares data is partitioned among {partitions} workers");
            int blockRows = problem.Rows / partitions, firstRow = partitions > 1 ? address.Worker * blockRows : 0;
            gradient[..d].Clear();
            for (int m = 0; m < batch; m++)
            {
                int row = firstRow + sampling.UniformInteger(address, m, blockRows);
                ReadOnlySpan<double> a = problem.Row(row);
                double residual = RowMajorAlgebra.Dot(a, x) - problem.targets[row];
                for (int j = 0; j < d; j++) gradient[j] += a[j] * residual;
            }
            for (int j = 0; j < d; j++) gradient[j] /= batch;
        }
    }
}
