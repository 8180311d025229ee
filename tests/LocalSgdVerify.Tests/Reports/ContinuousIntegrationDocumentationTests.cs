using System.Text.RegularExpressions;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// docs/ci.md shows the CI examples under deploy/ci as they are (comments aside), and each example runs check,
/// publishes junit.xml and summary.md, and keeps the report folder.
/// </summary>
public partial class ContinuousIntegrationDocumentationTests
{
    [Theory]
    [InlineData("github-actions-check.yml")]
    [InlineData("gitlab-ci.yml")]
    public void TheDocumentedExampleIsTheDeployedFileAndPublishesTheReport(string file)
    {
        string deployed = File.ReadAllText(RepositoryPaths.Of("deploy", "ci", file));
        string page = File.ReadAllText(RepositoryPaths.Of("docs", "ci.md"));
        Assert.Contains($"(../deploy/ci/{file})", page);
        var blocks = YamlBlock().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(WithoutComments(deployed), blocks.Select(WithoutComments));
        Assert.Contains("check --profile ci --out report", deployed);
        Assert.Contains("report/junit.xml", deployed);
        Assert.Contains("report/summary.md", deployed);
        Assert.Matches(@"path(s)?:\s*(\{ name: [^,]+, )?(path: )?(\n\s*- )?report/", deployed);
        Assert.Contains("summary.md", ReportFolderOwnership.ReportFileNames);
    }

    private static string WithoutComments(string yaml) =>
        string.Join('\n', yaml.Split('\n').Select(line => CommentPattern().Replace(line, "").TrimEnd()).Where(line => line.Trim().Length > 0));

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"(^|\s+)#.*$")]
    private static partial Regex CommentPattern();
}
