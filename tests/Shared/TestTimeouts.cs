namespace LocalSgdVerify.TestSupport;

/// <summary>
/// xUnit's per-test timeouts in this suite are backstops against a hang (a child process or an in-process protocol
/// session that never answers), never a speed requirement. CI shares two cores with other work: under a load average
/// of 45 an in-process validation test that takes a second on an idle machine took more than a minute. Ten minutes is
/// far beyond any honest run of one test and still ends a hung one.
/// </summary>
public static class TestTimeouts
{
    /// <summary>Milliseconds after which xUnit abandons a test that has stopped making progress.</summary>
    public const int HangBackstop = 600_000;
}
