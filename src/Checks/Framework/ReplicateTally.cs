namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// What one evaluation of a claim asked <see cref="ClaimContext.Replicates"/> for: the largest maximum asked and the
/// count handed out for it, which the result records as replicates used out of the profile's maximum.
/// </summary>
public sealed class ReplicateTally
{
    private readonly Lock gate = new();

    /// <summary>The count handed out for <see cref="Maximum"/> (0 when nothing was asked).</summary>
    public int Used { get; private set; }

    /// <summary>The largest maximum asked (0 when nothing was asked).</summary>
    public int Maximum { get; private set; }

    /// <summary>Records that <paramref name="used"/> replicates were handed out for a maximum of <paramref name="maximum"/>.</summary>
    public void Record(int used, int maximum)
    {
        lock (gate)
        {
            if (maximum < Maximum || (maximum == Maximum && used <= Used)) return;
            Maximum = maximum;
            Used = used;
        }
    }
}
