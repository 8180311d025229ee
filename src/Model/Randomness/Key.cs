namespace LocalSgdVerify.Model.Randomness;

/// <summary>The 64-bit Philox4x32 key as two 32-bit words; <see cref="Word0"/> is Random123's key.v[0].</summary>
public readonly record struct Key(uint Word0, uint Word1);
