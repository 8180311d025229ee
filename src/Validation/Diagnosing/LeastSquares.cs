namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>Small dense least squares for the parameter fits of the diagnosis (a handful of unknowns).</summary>
public static class LeastSquares
{
    /// <summary>
    /// Solves the normal equations A w = b (A symmetric, m × m) by Gaussian elimination with partial pivoting;
    /// null when A is singular to working precision (the data cannot identify every unknown).
    /// </summary>
    public static double[]? Solve(double[,] normal, double[] rightHandSide)
    {
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(rightHandSide);
        int m = rightHandSide.Length;
        var a = (double[,])normal.Clone();
        var b = (double[])rightHandSide.Clone();
        double scale = 0;
        for (int i = 0; i < m; i++) scale = Math.Max(scale, Math.Abs(a[i, i]));
        if (!(scale > 0)) return null;
        for (int column = 0; column < m; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < m; row++)
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column])) pivot = row;
            if (Math.Abs(a[pivot, column]) <= 1e-12 * scale) return null;
            if (pivot != column)
            {
                for (int k = 0; k < m; k++) (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                (b[column], b[pivot]) = (b[pivot], b[column]);
            }
            for (int row = column + 1; row < m; row++)
            {
                double factor = a[row, column] / a[column, column];
                if (factor == 0) continue;
                for (int k = column; k < m; k++) a[row, k] -= factor * a[column, k];
                b[row] -= factor * b[column];
            }
        }
        var solution = new double[m];
        for (int row = m - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int k = row + 1; k < m; k++) sum -= a[row, k] * solution[k];
            solution[row] = sum / a[row, row];
        }
        return solution.All(double.IsFinite) ? solution : null;
    }

    /// <summary>The one-unknown fit c = Σ x·y / Σ x·x of y ≈ c x; NaN when Σ x·x = 0.</summary>
    public static double Slope(IEnumerable<(double X, double Y)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        double cross = 0, square = 0;
        foreach (var (x, y) in pairs)
        {
            cross += x * y;
            square += x * x;
        }
        return square > 0 ? cross / square : double.NaN;
    }
}
