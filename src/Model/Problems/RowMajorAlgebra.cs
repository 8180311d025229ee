namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// The plain loops the matrix problems share, over row-major arrays: every sum starts at 0 and runs in index order
/// with separate multiply and add, so each problem's values are the same bits wherever they are computed.
/// </summary>
internal static class RowMajorAlgebra
{
    /// <summary>aᵀb = Σ_j a_j b_j.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    /// <summary>AᵀA/n for an n × d matrix A (row-major), a symmetric d × d matrix (row-major); rows summed in order.</summary>
    public static double[] GramOverRows(ReadOnlySpan<double> matrix, int rows, int columns)
    {
        var gram = new double[columns * columns];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> row = matrix.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
                for (int l = j; l < columns; l++) gram[j * columns + l] += row[j] * row[l];
        }
        for (int j = 0; j < columns; j++)
            for (int l = j; l < columns; l++)
            {
                gram[j * columns + l] /= rows;
                gram[l * columns + j] = gram[j * columns + l];
            }
        return gram;
    }

    /// <summary>result = M(x − c) for a d × d matrix M (row-major) and centre c.</summary>
    public static void MultiplyCentred(ReadOnlySpan<double> matrix, ReadOnlySpan<double> centre, ReadOnlySpan<double> x, Span<double> result)
    {
        for (int i = 0; i < centre.Length; i++) result[i] = CentredRow(matrix, i, centre, x);
    }

    /// <summary>½ (x − c)ᵀM(x − c) = ½ Σ_i (x_i − c_i)·[M(x − c)]_i, without scratch space.</summary>
    public static double HalfQuadraticForm(ReadOnlySpan<double> matrix, ReadOnlySpan<double> centre, ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < centre.Length; i++) sum += (x[i] - centre[i]) * CentredRow(matrix, i, centre, x);
        return 0.5 * sum;
    }

    /// <summary>[M(x − c)]_i = Σ_j M_ij (x_j − c_j).</summary>
    private static double CentredRow(ReadOnlySpan<double> matrix, int row, ReadOnlySpan<double> centre, ReadOnlySpan<double> x)
    {
        int d = centre.Length;
        double sum = 0;
        for (int j = 0; j < d; j++) sum += matrix[row * d + j] * (x[j] - centre[j]);
        return sum;
    }
}
