using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Where a one-dimensional problem's gradient noise comes from (stream <see cref="NoiseStreams.GradientNoise"/>): at
/// step t of replicate r, worker w draws normal w of the address (r, worker 0, t), so the N workers' draws of a step are
/// one run of N normals and workers 2k and 2k + 1 share a Philox block (its even and its odd normal). Why not normal 0
/// of (r, w, t), as the d-dimensional problems do: each worker would pay a whole Philox block and a whole Box–Muller
/// pair for one number and drop the other, doubling the generator's work, which is the 1-D simulator's whole cost.
/// Any assignment of distinct normals gives i.i.d. N(0, 1) noise; this one keeps common random numbers across
/// schedules (the address does not depend on the schedule) and nests across N (the first N workers see the same
/// noise whatever the worker count).
/// </summary>
public static class ScalarProblemNoise
{
    /// <summary>The standard normal of (replicate, worker, step): normal <c>worker</c> of (replicate, 0, step).</summary>
    public static double Normal(CounterBasedRandom random, NoiseAddress address) =>
        random.Normal(new NoiseAddress(address.Replicate, 0, address.Step), address.Worker);

    /// <summary>
    /// The normals of workers 0 .. N − 1 at one (replicate, step), in worker order, N = <paramref name="destination"/>'s
    /// length: equal to <see cref="Normal"/> for each worker, drawn in one vectorized call.
    /// </summary>
    public static void FillForWorkers(CounterBasedRandom random, int replicate, int step, Span<double> destination) =>
        random.FillNormalsForWorkers(replicate, 0, 1, step, destination.Length, destination);
}
