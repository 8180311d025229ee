namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>How the blocked kernels lay out a worker's row of lanes.</summary>
internal static class LaneLayout
{
    /// <summary>
    /// d for d = 1 (the noise fill then uses only each block's even normal) and for even d; d + 1 for odd d &gt; 1,
    /// so every Philox block's two normals land in neighbouring lanes of one row (the extra lane is padding).
    /// </summary>
    public static int RowWidth(int dimension) => dimension == 1 ? 1 : dimension + (dimension & 1);
}
