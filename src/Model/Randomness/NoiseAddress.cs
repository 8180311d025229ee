namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Where a draw belongs: replicate <see cref="Replicate"/>, worker <see cref="Worker"/>, step <see cref="Step"/>
/// (all 0-based and non-negative). Together with the stream's key and a draw index it fixes the Philox counter
/// (index / 2, Step, Worker, Replicate), so the same address gives the same numbers in every component of the
/// suite and under every communication schedule (common random numbers).
/// </summary>
public readonly record struct NoiseAddress(int Replicate, int Worker, int Step);
