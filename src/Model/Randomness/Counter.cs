namespace LocalSgdVerify.Model.Randomness;

/// <summary>The 128-bit Philox4x32 counter as four 32-bit words; <see cref="Word0"/> is Random123's ctr.v[0].</summary>
public readonly record struct Counter(uint Word0, uint Word1, uint Word2, uint Word3);
