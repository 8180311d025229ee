using LocalSgdVerify.Validation.Running;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>A validation's report document: its header is written as check writes it.</summary>
public sealed class ValidationReportTests
{
    [Fact]
    public void DateIsUtcToTheSecondWithZ()
    {
        var run = new ValidationRun("implementation", null, new ValidationOptions(), [], 0);
        var date = new DateTimeOffset(2026, 11, 21, 11, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("2026-11-21T09:30:00Z", ValidationReport.ToDocument(run, date, "machine").Environment.Date);
    }
}
