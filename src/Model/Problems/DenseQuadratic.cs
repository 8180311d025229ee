using System.Globalization;
using LocalSgdVerify.Model.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Dense quadratic with additive Gaussian noise (claims.md §2): <c>F(x) = ½(x − x*)ᵀA(x − x*)</c>,
/// <c>g = A(x − x*) + σξ</c>, <c>ξ ~ N(0, I)</c> independent per worker and step; F* = 0, μ = min λ, L = max λ.
/// <c>A = Q diag(λ) Qᵀ</c> with the spectrum λ given and Q a random orthogonal matrix drawn from the problem's
/// data seed: the QR factor of a standard Gaussian matrix, with the signs of its columns fixed so that R has a
/// positive diagonal (this makes the factorisation unique, so Q is a function of the seed only, and Haar
/// distributed). The exact engine works in A's eigenbasis, where the noise stays isotropic.
/// </summary>
public sealed class DenseQuadratic : IProblem
{
    private const int OrthogonalPurpose = 0;
    private readonly double[] eigenvalues;
    private readonly double[] eigenvectors; // row-major d × d: eigenvectors[i * d + k] = Q_ik, column k is the k-th eigenvector
    private readonly double[] hessian;      // row-major d × d
    private readonly double[] optimum;
    private readonly ulong? dataSeed;

    /// <summary>
    /// Builds the problem with the spectrum <paramref name="eigenvalues"/> (each &gt; 0), noise σ ≥ 0, a random
    /// eigenbasis from <paramref name="dataSeed"/> and the minimiser <paramref name="optimum"/> (default 0).
    /// </summary>
    public DenseQuadratic(IReadOnlyList<double> eigenvalues, double noise, ulong dataSeed, IReadOnlyList<double>? optimum = null)
        : this(eigenvalues, noise, optimum, dataSeed, null)
    {
    }

    private DenseQuadratic(IReadOnlyList<double> eigenvalues, double noise, IReadOnlyList<double>? optimum, ulong? dataSeed, Matrix<double>? basis)
    {
        if (eigenvalues.Count == 0) throw new ProblemParameterException("problem.eigenvalues", "[]", "a non-empty list of positive numbers");
        for (int k = 0; k < eigenvalues.Count; k++) ProblemParameterException.RequirePositive($"problem.eigenvalues[{k}]", eigenvalues[k]);
        ProblemParameterException.RequireNonNegative("problem.noise", noise);
        int d = eigenvalues.Count;
        if (optimum is not null)
        {
            if (optimum.Count != d)
                throw new ProblemParameterException("problem.optimum", $"a vector of length {optimum.Count}", $"a vector of length {d} (the number of eigenvalues)");
            for (int k = 0; k < d; k++) ProblemParameterException.RequireFinite($"problem.optimum[{k}]", optimum[k]);
        }
        this.eigenvalues = eigenvalues.ToArray();
        this.optimum = optimum?.ToArray() ?? new double[d];
        this.dataSeed = dataSeed;
        Noise = noise;
        Matrix<double> q = basis ?? RandomOrthogonal(d, dataSeed ?? 0);
        eigenvectors = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++) eigenvectors[i * d + k] = q[i, k];
        hessian = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++) sum += eigenvectors[i * d + k] * this.eigenvalues[k] * eigenvectors[j * d + k];
                // Filled from one triangle so A is exactly symmetric.
                hessian[i * d + j] = sum;
                hessian[j * d + i] = sum;
            }
        }
    }

    /// <summary>
    /// Builds the problem with an explicit orthogonal eigenbasis (columns of <paramref name="eigenvectors"/>),
    /// e.g. the identity for a diagonal A. Orthogonality is checked to 1e-10 per entry of QᵀQ − I.
    /// </summary>
    public static DenseQuadratic WithEigenvectors(IReadOnlyList<double> eigenvalues, Matrix<double> eigenvectors, double noise, IReadOnlyList<double>? optimum = null)
    {
        int d = eigenvalues.Count;
        if (eigenvectors.RowCount != d || eigenvectors.ColumnCount != d)
            throw new ProblemParameterException("problem.eigenvectors", $"a {eigenvectors.RowCount} x {eigenvectors.ColumnCount} matrix", $"a {d} x {d} orthogonal matrix");
        var gram = eigenvectors.TransposeThisAndMultiply(eigenvectors);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double deviation = gram[i, j] - (i == j ? 1 : 0);
                if (!(Math.Abs(deviation) <= 1e-10))
                    throw new ProblemParameterException("problem.eigenvectors", $"a matrix with (QᵀQ − I)[{i},{j}] = {NumberText.RoundTrip(deviation)}", "an orthogonal matrix (QᵀQ = I to 1e-10)");
            }
        return new DenseQuadratic(eigenvalues, noise, optimum, null, eigenvectors);
    }

    /// <summary>d eigenvalues spaced linearly from μ to L (both included; d = 1 needs μ = L).</summary>
    public static double[] LinearSpectrum(int dimension, double smallest, double largest)
    {
        CheckSpectrumArguments(dimension, smallest, largest);
        var values = new double[dimension];
        for (int k = 0; k < dimension; k++)
            values[k] = dimension == 1 ? smallest : smallest + (largest - smallest) * k / (dimension - 1);
        if (dimension > 1) values[^1] = largest;
        return values;
    }

    /// <summary>d eigenvalues spaced geometrically from μ to L: λ_k = μ (L/μ)^{k/(d−1)} (d = 1 needs μ = L).</summary>
    public static double[] GeometricSpectrum(int dimension, double smallest, double largest)
    {
        CheckSpectrumArguments(dimension, smallest, largest);
        var values = new double[dimension];
        for (int k = 0; k < dimension; k++)
            values[k] = dimension == 1 ? smallest : smallest * Math.Pow(largest / smallest, (double)k / (dimension - 1));
        if (dimension > 1) values[^1] = largest;
        return values;
    }

    private static void CheckSpectrumArguments(int dimension, double smallest, double largest)
    {
        ProblemParameterException.RequireAtLeast("problem.dimension", dimension, 1);
        ProblemParameterException.RequirePositive("problem.strong_convexity", smallest);
        ProblemParameterException.RequirePositive("problem.smoothness", largest);
        if (largest < smallest)
            throw new ProblemParameterException("problem.smoothness", NumberText.RoundTrip(largest), $"a number >= problem.strong_convexity = {NumberText.RoundTrip(smallest)}");
        if (dimension == 1 && largest != smallest)
            throw new ProblemParameterException("problem.dimension", "1", "at least 2 when strong_convexity < smoothness (one eigenvalue cannot be both)");
    }

    /// <summary>
    /// The orthogonal factor Q of <c>G = QR</c> for a d × d standard Gaussian G drawn from the data seed, with
    /// column j multiplied by sign(R_jj) so R has a positive diagonal: the unique such factor, Haar distributed.
    /// </summary>
    public static Matrix<double> RandomOrthogonal(int dimension, ulong dataSeed)
    {
        ProblemParameterException.RequireAtLeast("problem.dimension", dimension, 1);
        double[] gaussian = SyntheticData.GaussianMatrix(dataSeed, OrthogonalPurpose, dimension, dimension);
        var g = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => gaussian[i * dimension + j]);
        var qr = g.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Full);
        var q = qr.Q.Clone();
        var r = qr.R;
        for (int j = 0; j < dimension; j++)
        {
            if (r[j, j] < 0)
                for (int i = 0; i < dimension; i++) q[i, j] = -q[i, j];
        }
        return q;
    }

    /// <summary>Standard deviation σ of each coordinate of the additive noise ξ.</summary>
    public double Noise { get; }

    /// <summary>The spectrum λ of A, in the order given (column k of <see cref="EigenvectorMatrix"/> belongs to λ_k).</summary>
    public IReadOnlyList<double> Eigenvalues => eigenvalues;

    /// <summary>The data seed Q was drawn from, or null when Q was given explicitly.</summary>
    public ulong? DataSeed => dataSeed;

    /// <summary>A = Q diag(λ) Qᵀ (a fresh copy).</summary>
    public Matrix<double> HessianMatrix()
    {
        int d = Dimension;
        return Matrix<double>.Build.Dense(d, d, (i, j) => hessian[i * d + j]);
    }

    /// <summary>Q, whose columns are the unit eigenvectors of A (a fresh copy).</summary>
    public Matrix<double> EigenvectorMatrix()
    {
        int d = Dimension;
        return Matrix<double>.Build.Dense(d, d, (i, k) => eigenvectors[i * d + k]);
    }

    /// <summary>Q row-major, for the exact engine.</summary>
    internal ReadOnlySpan<double> EigenvectorsRowMajor => eigenvectors;

    /// <inheritdoc/>
    public string Family => "dense-quadratic";

    /// <inheritdoc/>
    public int Dimension => eigenvalues.Length;

    /// <inheritdoc/>
    public double OptimalValue => 0;

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum => optimum;

    /// <inheritdoc/>
    public double? StrongConvexity => eigenvalues.Min();

    /// <inheritdoc/>
    public double? Smoothness => eigenvalues.Max();

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, object>
            {
                ["eigenvalues"] = eigenvalues.ToArray(),
                ["noise"] = Noise,
                ["optimum"] = optimum.ToArray(),
            };
            if (dataSeed is ulong seed) parameters["data_seed"] = seed.ToString(CultureInfo.InvariantCulture);
            else parameters["eigenvectors"] = eigenvectors.ToArray();
            return parameters;
        }
    }

    /// <summary>F(x) = ½ Σ_k λ_k (q_kᵀ(x − x*))², the eigen-expansion of ½(x − x*)ᵀA(x − x*) (no scratch space needed).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        int d = Dimension;
        double sum = 0;
        for (int k = 0; k < d; k++)
        {
            double projection = 0;
            for (int i = 0; i < d; i++) projection += eigenvectors[i * d + k] * (x[i] - optimum[i]);
            sum += eigenvalues[k] * projection * projection;
        }
        return 0.5 * sum;
    }

    /// <summary>∇F(x) = A(x − x*).</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => RowMajorAlgebra.MultiplyCentred(hessian, optimum, x, gradient);

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(DenseQuadratic problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);
        private readonly double[] draws = new double[problem.Dimension];

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            additive.FillNormals(address, draws);
            RowMajorAlgebra.MultiplyCentred(problem.hessian, problem.optimum, x, gradient);
            double sigma = problem.Noise;
            for (int i = 0; i < draws.Length; i++) gradient[i] += sigma * draws[i];
        }
    }
}
