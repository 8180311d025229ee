using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>Point generators and finite differences shared by the problem tests.</summary>
internal static class ProblemTestSupport
{
    /// <summary>Points with coordinates in [−scale, scale] on a grid of step scale/1000 (no NaN or ∞).</summary>
    public static Arbitrary<double[]> Points(int dimension, double scale = 2.0)
        => Gen.Choose(-1000, 1000).Select(i => i * scale / 1000.0).ArrayOf(dimension).ToArbitrary();

    /// <summary>Central differences (F(x + h e_k) − F(x − h e_k))/(2h), h = 1e-5·(1 + |x_k|).</summary>
    public static double[] FiniteDifferenceGradient(IProblem problem, double[] x)
    {
        var result = new double[x.Length];
        var shifted = (double[])x.Clone();
        for (int k = 0; k < x.Length; k++)
        {
            double h = 1e-5 * (1 + Math.Abs(x[k]));
            shifted[k] = x[k] + h;
            double up = problem.Value(shifted);
            shifted[k] = x[k] - h;
            double down = problem.Value(shifted);
            shifted[k] = x[k];
            result[k] = (up - down) / (2 * h);
        }
        return result;
    }

    /// <summary>The symmetrised finite-difference Hessian from central differences of ∇F.</summary>
    public static MathNet.Numerics.LinearAlgebra.Matrix<double> FiniteDifferenceHessian(IProblem problem, double[] x)
    {
        int d = x.Length;
        var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d);
        var shifted = (double[])x.Clone();
        var up = new double[d];
        var down = new double[d];
        for (int k = 0; k < d; k++)
        {
            double h = 1e-4 * (1 + Math.Abs(x[k]));
            shifted[k] = x[k] + h;
            problem.Gradient(shifted, up);
            shifted[k] = x[k] - h;
            problem.Gradient(shifted, down);
            shifted[k] = x[k];
            for (int j = 0; j < d; j++) hessian[j, k] = (up[j] - down[j]) / (2 * h);
        }
        return 0.5 * (hessian + hessian.Transpose());
    }

    /// <summary>|expected − actual| ≤ tolerance·max(1, |expected|).</summary>
    public static bool Close(double expected, double actual, double tolerance)
        => Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double value in values) max = Math.Max(max, Math.Abs(value));
        return max;
    }
}
