using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact first and second moments of Local SGD on the separable quadratic (claims.md §5, derived) for any
/// static communication schedule, any step sizes, N workers and x0.
/// <para>
/// <b>Derivation.</b> Coordinates are independent, so fix k and write a = a_k, η = η_t, b = 1 − ηa. One local step
/// is <c>x_i ← x_i − η(a x_i(1 + z_i) + s_i) = (b − ηa z_i) x_i − η s_i</c> with z_i ~ N(0, c²), s_i ~ N(0, σ²)
/// independent of each other, of the other workers' draws and of the past. All workers start at x0 and are
/// exchangeable, so m = E x_i, q = E[x_i²] and r = E[x_i x_j] (i ≠ j) describe every worker and pair.
/// Because E z = E s = 0 and the draws are independent of x:
/// <list type="bullet">
/// <item><c>m ← b m</c>;</item>
/// <item><c>q ← E[(b − ηa z_i)²] q + η² E[s_i²] = (b² + η²a²c²) q + η²σ²</c> (the cross terms have a factor E z or E s);</item>
/// <item><c>r ← E[(b − ηa z_i)(b − ηa z_j)] r = b² r</c> (z_i, z_j independent with mean 0; s_i, s_j likewise).</item>
/// </list>
/// The virtual average has <c>E[x̄²] = (1/N²)(N q + N(N − 1) r) = q/N + (1 − 1/N) r</c>; averaging sets every
/// worker to x̄, so then <c>q = r = q/N + (1 − 1/N) r</c>. Hence <c>E F(x̄) = Σ_k (a_k/2)(q_k/N + (1 − 1/N) r_k)</c>
/// and <c>E F(x_i) = Σ_k (a_k/2) q_k</c>. With c = 0, <c>q/N + (1 − 1/N) r</c> follows
/// <c>v ← b² v + η²σ²/N</c> whether or not the workers average: the schedule-invariance of claims.md §1.
/// </para>
/// <para>
/// <b>Weighted running average</b> (Polyak–Ruppert w_t = 1, Stich w_t = (a + t)², as
/// <see cref="OutputIterate.Weight"/>): output = S_T/W_T with <c>S_t = Σ_{u≤t} w_u x̄^u</c>, <c>W_t = Σ_{u≤t} w_u</c>.
/// Track <c>P = E[S x_i]</c> (the same for every i) and <c>Q = E[S²]</c>, both 0 at t = 0. Going from t to t + 1
/// with weight w = w_{t+1}: S is a function of the past, so E[S (b − ηa z_i) x_i] = b P and E[S s_i] = 0, i.e. after
/// the local step E[S x_i] = b P for every i, and averaging (a mean over i of equal values) keeps it. With
/// <c>m2 = E[x̄'²] = q'/N + (1 − 1/N) r'</c> from the moments after the step, and E[x̄' x_i''] = m2 both without
/// averaging (E[x̄' x_i'] = (q' + (N − 1) r')/N) and with it (x_i'' = x̄'):
/// <list type="bullet">
/// <item><c>P ← E[(S + w x̄') x_i''] = b P + w m2</c>;</item>
/// <item><c>Q ← E[(S + w x̄')²] = Q + 2w E[S x̄'] + w² m2 = Q + 2w b P_old + w² m2</c>.</item>
/// </list>
/// Since x* = 0 and F* = 0, <c>E F(S_t/W_t) = Σ_k (a_k/2) Q_k / W_t²</c>.
/// </para>
/// Cost: O(T·d) time, O(d) memory; the steps run over flat arrays with the coordinate loop innermost (eight
/// coordinates per AVX-512 vector, same operations, same bits) and allocate nothing per step.
/// </summary>
public static class SeparableQuadraticMoments
{
    /// <summary>
    /// Runs the recursions for T steps with η_t = <paramref name="stepSize"/>.At(t) (t = 0..T−1), averaging after
    /// each step listed in <paramref name="syncSteps"/> (strictly increasing, within 1..T), and records the moments
    /// after each checkpoint step (default: T). <paramref name="output"/> (default the last average) selects what
    /// <see cref="SeparableMomentTrajectory.OutputErrors"/> holds; <paramref name="recordCoordinates"/> also keeps
    /// m, q, r and E[x̄²] per coordinate.
    /// </summary>
    public static SeparableMomentTrajectory Compute(SeparableQuadratic problem, int workers, IReadOnlyList<double> initialPoint,
        IStepSizeSchedule stepSize, int totalSteps, IReadOnlyList<int> syncSteps, IReadOnlyList<int>? checkpoints = null,
        OutputIterate? output = null, bool recordCoordinates = false)
    {
        int d = problem.Dimension;
        MomentArguments.Check(d, workers, initialPoint, stepSize, totalSteps);
        bool[] isSync = MomentArguments.Bitmap("sync_steps", syncSteps, totalSteps);
        int[] checkpointSteps = (checkpoints ?? [totalSteps]).ToArray();
        bool[] isCheckpoint = MomentArguments.Bitmap("checkpoints", checkpointSteps, totalSteps);
        output ??= OutputIterate.LastAverage;
        bool weighted = output.Weight(1) is not null;

        var curvatures = problem.Curvatures.ToArray();
        double c = problem.MultiplicativeNoise, sigma = problem.AdditiveNoise;
        var multiplicative = new double[d];   // a_k² c², the extra growth of q from z
        var mean = new double[d];
        var own = new double[d];              // q
        var cross = new double[d];            // r
        var weightedMean = new double[d];     // P
        var weightedSquare = new double[d];   // Q
        for (int k = 0; k < d; k++)
        {
            multiplicative[k] = curvatures[k] * curvatures[k] * c * c;
            mean[k] = initialPoint[k];
            own[k] = initialPoint[k] * initialPoint[k];
            cross[k] = own[k];
        }

        double inverseWorkers = 1.0 / workers, crossShare = 1.0 - inverseWorkers;
        double weightTotal = 0;
        var trajectory = new SeparableMomentTrajectory(checkpointSteps, d, recordCoordinates);
        int recorded = 0;
        for (int t = 0; t < totalSteps; t++)
        {
            double eta = stepSize.At(t);
            double noiseIncrement = eta * eta * sigma * sigma;
            int completed = t + 1;
            double weight = 0;
            if (weighted)
            {
                weight = output.Weight(completed)!.Value;
                weightTotal += weight;
            }
            // Each combination of (average after this step, weighted output) runs its own specialised loop.
            var moments = new StepMoments(curvatures, multiplicative, own, cross, weightedMean, weightedSquare,
                eta, noiseIncrement, weight, inverseWorkers, crossShare);
            switch ((isSync[completed], weighted))
            {
                case (false, false): Step<No, No>(moments); break;
                case (true, false): Step<Yes, No>(moments); break;
                case (false, true): Step<No, Yes>(moments); break;
                case (true, true): Step<Yes, Yes>(moments); break;
            }

            // The mean is not needed for any error (q and r are raw second moments), so it costs a pass only on request.
            if (recordCoordinates)
                for (int k = 0; k < d; k++) mean[k] *= 1 - eta * curvatures[k];

            if (isCheckpoint[completed])
            {
                Record(trajectory, recorded++, curvatures, mean, own, cross, weighted ? weightedSquare : null, weightTotal,
                    inverseWorkers, crossShare, recordCoordinates);
            }
        }
        return trajectory;
    }

    /// <summary>
    /// The limit of N·T·E F(x̄^T) for η_t = α/(t + β) on the separable quadratic, for every schedule:
    /// <c>(α²σ²/2) Σ_k a_k/(2α a_k − 1)</c> (claims.md §4, derived). With c = 0, v = E x̄_k² follows
    /// <c>v_{t+1} = (1 − η_t a)² v_t + η_t²σ²/N</c>; substituting v_t ≈ C/t and matching the 1/t² terms gives
    /// <c>C(2αa − 1) = α²σ²/N</c>. Multiplicative noise adds η²a²c² q = O(1/t³), which does not change the limit.
    /// Requires 2α a_k &gt; 1 for every k (otherwise E F decays more slowly than 1/T).
    /// </summary>
    public static double AsymptoticConstant(IReadOnlyList<double> curvatures, double additiveNoise, double alpha)
    {
        ProblemParameterException.RequirePositive("step_size.alpha", alpha);
        ProblemParameterException.RequireNonNegative("problem.additive_noise", additiveNoise);
        double sum = 0;
        for (int k = 0; k < curvatures.Count; k++)
        {
            double denominator = 2 * alpha * curvatures[k] - 1;
            if (!(denominator > 0))
                throw new ProblemParameterException("step_size.alpha", NumberText.RoundTrip(alpha),
                    $"alpha > 1/(2 a_k) for every k; a[{k}] = {NumberText.RoundTrip(curvatures[k])} needs alpha > {NumberText.RoundTrip(1 / (2 * curvatures[k]))}");
            sum += curvatures[k] / denominator;
        }
        return 0.5 * alpha * alpha * additiveNoise * additiveNoise * sum;
    }

    /// <summary>The arrays and scalars of one step of the recursion.</summary>
    private readonly record struct StepMoments(double[] Curvatures, double[] Multiplicative, double[] Own, double[] Cross,
        double[] WeightedMean, double[] WeightedSquare, double Eta, double NoiseIncrement, double Weight,
        double InverseWorkers, double CrossShare);

    /// <summary>A compile-time switch: each struct that implements it makes the JIT compile its own copy of a loop.</summary>
    private interface ISwitch
    {
        static abstract bool On { get; }
    }

    private struct Yes : ISwitch
    {
        public static bool On => true;
    }

    private struct No : ISwitch
    {
        public static bool On => false;
    }

    /// <summary>
    /// One step of every coordinate: q ← (b² + η²a²c²)q + η²σ², r ← b²r; with <typeparamref name="TAverage"/>
    /// q = r = q/N + (1 − 1/N)r afterwards; with <typeparamref name="TWeighted"/> also P ← bP + w·m2 and
    /// Q ← Q + 2w·b·P + w²·m2 (m2 = q/N + (1 − 1/N)r after the local step). The two switches are type arguments, so
    /// each of the four loops is compiled without the tests (no work added per coordinate). The loop runs eight
    /// coordinates per AVX-512 vector with exactly the scalar operations in the same order (no fused multiply-add),
    /// so the results are bit-identical to the scalar tail; at d = 1000 and T = 10^6 this is what brings the
    /// recursion under a second.
    /// </summary>
    private static void Step<TAverage, TWeighted>(in StepMoments step)
        where TAverage : struct, ISwitch where TWeighted : struct, ISwitch
    {
        double[] curvatures = step.Curvatures, multiplicative = step.Multiplicative, own = step.Own, cross = step.Cross;
        double[] weightedMean = step.WeightedMean, weightedSquare = step.WeightedSquare;
        double eta = step.Eta, noiseIncrement = step.NoiseIncrement, weight = step.Weight;
        double inverseWorkers = step.InverseWorkers, crossShare = step.CrossShare;
        double etaSquared = eta * eta, twiceWeight = 2 * weight, weightSquared = weight * weight;
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vEta = Vector512.Create(eta); var vEtaSquared = Vector512.Create(etaSquared); var vNoise = Vector512.Create(noiseIncrement);
            var vInverse = Vector512.Create(inverseWorkers); var vShare = Vector512.Create(crossShare);
            var vTwiceWeight = Vector512.Create(twiceWeight); var vWeightSquared = Vector512.Create(weightSquared); var vWeight = Vector512.Create(weight);
            ref double a = ref MemoryMarshal.GetArrayDataReference(curvatures);
            ref double m = ref MemoryMarshal.GetArrayDataReference(multiplicative);
            ref double qs = ref MemoryMarshal.GetArrayDataReference(own);
            ref double rs = ref MemoryMarshal.GetArrayDataReference(cross);
            ref double ps = ref MemoryMarshal.GetArrayDataReference(weightedMean);
            ref double ss = ref MemoryMarshal.GetArrayDataReference(weightedSquare);
            for (; k <= own.Length - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                nuint at = (nuint)k;
                var b = Vector512<double>.One - vEta * Vector512.LoadUnsafe(ref a, at);
                var bSquared = b * b;
                var q = (bSquared + vEtaSquared * Vector512.LoadUnsafe(ref m, at)) * Vector512.LoadUnsafe(ref qs, at) + vNoise;
                var r = bSquared * Vector512.LoadUnsafe(ref rs, at);
                if (TAverage.On || TWeighted.On)
                {
                    var averageSquare = q * vInverse + vShare * r;
                    if (TWeighted.On)
                    {
                        var previous = b * Vector512.LoadUnsafe(ref ps, at);
                        (Vector512.LoadUnsafe(ref ss, at) + (vTwiceWeight * previous + vWeightSquared * averageSquare)).StoreUnsafe(ref ss, at);
                        (previous + vWeight * averageSquare).StoreUnsafe(ref ps, at);
                    }
                    if (TAverage.On) q = r = averageSquare;
                }
                q.StoreUnsafe(ref qs, at);
                r.StoreUnsafe(ref rs, at);
            }
        }
        for (; k < own.Length; k++)
        {
            double b = 1 - eta * curvatures[k];
            double bSquared = b * b;
            double q = (bSquared + etaSquared * multiplicative[k]) * own[k] + noiseIncrement;
            double r = bSquared * cross[k];
            if (TAverage.On || TWeighted.On)
            {
                double averageSquare = q * inverseWorkers + crossShare * r;
                if (TWeighted.On)
                {
                    double previous = b * weightedMean[k];
                    weightedSquare[k] += twiceWeight * previous + weightSquared * averageSquare;
                    weightedMean[k] = previous + weight * averageSquare;
                }
                if (TAverage.On) q = r = averageSquare;
            }
            own[k] = q;
            cross[k] = r;
        }
    }

    private static void Record(SeparableMomentTrajectory trajectory, int index, double[] curvatures, double[] mean, double[] own,
        double[] cross, double[]? weightedSquare, double weightTotal, double inverseWorkers, double crossShare, bool recordCoordinates)
    {
        double averageError = 0, workerError = 0, outputError = 0;
        for (int k = 0; k < own.Length; k++)
        {
            double averageSquare = own[k] * inverseWorkers + crossShare * cross[k];
            averageError += 0.5 * curvatures[k] * averageSquare;
            workerError += 0.5 * curvatures[k] * own[k];
            if (weightedSquare is not null) outputError += 0.5 * curvatures[k] * weightedSquare[k];
            if (recordCoordinates)
            {
                trajectory.Means![index][k] = mean[k];
                trajectory.WorkerSecondMoments![index][k] = own[k];
                trajectory.CrossMoments![index][k] = cross[k];
                trajectory.AverageSecondMoments![index][k] = averageSquare;
            }
        }
        trajectory.AverageErrors[index] = averageError;
        trajectory.WorkerErrors[index] = workerError;
        trajectory.OutputErrors[index] = weightedSquare is null ? averageError : outputError / (weightTotal * weightTotal);
    }
}
