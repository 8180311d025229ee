namespace LocalSgdVerify.Model.Randomness;

/// <summary>One Philox4x32 output block: four 32-bit words, <see cref="Word0"/> first as in Random123.</summary>
public readonly record struct Block(uint Word0, uint Word1, uint Word2, uint Word3);
