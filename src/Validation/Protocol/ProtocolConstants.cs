namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Fixed names of the LocalSgdVerify implementation protocol (JSON Lines over stdin/stdout), version 1.
/// </summary>
public static class ProtocolConstants
{
    /// <summary>The protocol version this harness speaks; an implementation must answer the handshake with exactly this string.</summary>
    public const string Version = "1";

    /// <summary>Name of the JSON field that says which message a line carries.</summary>
    public const string TypeField = "type";

    /// <summary>Oracle mode: the harness serves every stochastic gradient, so runs are reproducible bit for bit.</summary>
    public const string OracleMode = "oracle";

    /// <summary>Blackbox mode: the implementation draws its own noise for a named problem family.</summary>
    public const string BlackboxMode = "blackbox";
}

/// <summary>
/// Names of the returned iterate a run asks for (spec §1): the last virtual average x̄^T, the Polyak–Ruppert
/// average (1/T) Σ_t x̄^t, or Stich's weighted average with weights w_t = (a + t)².
/// </summary>
public static class OutputIterateNames
{
    /// <summary>x̄^T, the average of the workers' iterates after the last step (Spiridonoff, Haddadpour).</summary>
    public const string LastAverage = "last_average";

    /// <summary>(1/T) Σ_{t=1..T} x̄^t (Patel–Dieuleveut).</summary>
    public const string PolyakRuppert = "polyak_ruppert";

    /// <summary>Σ_t w_t x̄^t / Σ_t w_t with w_t = (a + t)² (Stich).</summary>
    public const string WeightedAverage = "weighted_average";
}
