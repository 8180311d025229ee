// TEMPORARY: stands in for the randomness branch (Philox4x32-10) so the model compiles; deleted at merge.
namespace LocalSgdVerify.Model.Randomness;

public readonly record struct NoiseAddress(int Replicate, int Worker, int Step);

public readonly struct CounterBasedRandom
{
    public CounterBasedRandom(ulong seed, uint stream) { Seed = seed; Stream = stream; }
    public ulong Seed { get; }
    public uint Stream { get; }
    private ulong Bits(NoiseAddress a, int index)
    {
        ulong z = Seed ^ ((ulong)Stream << 48) ^ ((ulong)(uint)a.Replicate * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)a.Worker << 32) ^ ((ulong)(uint)a.Step * 0xBF58476D1CE4E5B9UL) ^ ((ulong)(uint)index * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL; return z ^ (z >> 31);
    }
    public double Uniform(NoiseAddress a, int index) => (Bits(a, index) >> 11) * (1.0 / (1UL << 53));
    public double Normal(NoiseAddress a, int index)
    {
        double u1 = ((Bits(a, 2 * (index / 2)) >> 11) + 1) * (1.0 / (1UL << 53));
        double u2 = (Bits(a, 2 * (index / 2) + 1) >> 11) * (1.0 / (1UL << 53));
        double rho = Math.Sqrt(-2 * Math.Log(u1));
        return index % 2 == 0 ? rho * Math.Cos(2 * Math.PI * u2) : rho * Math.Sin(2 * Math.PI * u2);
    }
    public void FillNormals(NoiseAddress a, Span<double> destination) { for (int j = 0; j < destination.Length; j++) destination[j] = Normal(a, j); }
    public int UniformInteger(NoiseAddress a, int index, int count) => (int)(Uniform(a, index) * count);
    public void FillNormalsForWorkers(int replicate, int firstWorker, int workerCount, int step, int perWorker, Span<double> destination)
    { for (int w = 0; w < workerCount; w++) FillNormals(new NoiseAddress(replicate, firstWorker + w, step), destination.Slice(w * perWorker, perWorker)); }
}
