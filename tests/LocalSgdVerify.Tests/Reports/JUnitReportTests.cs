using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>junit.xml validates against the usual JUnit schema shape and maps verdicts to test outcomes.</summary>
public class JUnitReportTests
{
    /// <summary>
    /// The shape CI dashboards read (the Ant/Jenkins JUnit XML schema, written out here from its element and attribute
    /// rules): testsuites › testsuite › properties?, testcase*, system-out?, system-err?; a test case holds at most one
    /// skipped and any failures/errors; times are decimals; timestamp is yyyy-MM-ddTHH:mm:ss without a zone.
    /// </summary>
    private const string Schema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
          <xs:simpleType name="timestamp">
            <xs:restriction base="xs:dateTime"><xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:complexType name="outcome">
            <xs:simpleContent><xs:extension base="xs:string">
              <xs:attribute name="message" type="xs:string"/>
              <xs:attribute name="type" type="xs:string"/>
            </xs:extension></xs:simpleContent>
          </xs:complexType>
          <xs:element name="testsuites">
            <xs:complexType>
              <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="name" type="xs:string"/>
              <xs:attribute name="time" type="xs:decimal"/>
              <xs:attribute name="tests" type="xs:nonNegativeInteger"/>
              <xs:attribute name="failures" type="xs:nonNegativeInteger"/>
              <xs:attribute name="errors" type="xs:nonNegativeInteger"/>
              <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
              <xs:attribute name="disabled" type="xs:nonNegativeInteger"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="testsuite">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="properties" minOccurs="0">
                  <xs:complexType><xs:sequence>
                    <xs:element name="property" minOccurs="0" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:attribute name="name" type="xs:string" use="required"/>
                        <xs:attribute name="value" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence></xs:complexType>
                </xs:element>
                <xs:element name="testcase" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="skipped" type="outcome" minOccurs="0"/>
                      <xs:element name="error" type="outcome" minOccurs="0" maxOccurs="unbounded"/>
                      <xs:element name="failure" type="outcome" minOccurs="0" maxOccurs="unbounded"/>
                      <xs:element name="system-out" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                      <xs:element name="system-err" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                    </xs:sequence>
                    <xs:attribute name="name" type="xs:string" use="required"/>
                    <xs:attribute name="classname" type="xs:string" use="required"/>
                    <xs:attribute name="time" type="xs:decimal"/>
                    <xs:attribute name="assertions" type="xs:string"/>
                    <xs:attribute name="status" type="xs:string"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="system-out" type="xs:string" minOccurs="0"/>
                <xs:element name="system-err" type="xs:string" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="tests" type="xs:nonNegativeInteger" use="required"/>
              <xs:attribute name="failures" type="xs:nonNegativeInteger" use="required"/>
              <xs:attribute name="errors" type="xs:nonNegativeInteger" use="required"/>
              <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
              <xs:attribute name="disabled" type="xs:nonNegativeInteger"/>
              <xs:attribute name="time" type="xs:decimal"/>
              <xs:attribute name="timestamp" type="timestamp"/>
              <xs:attribute name="hostname" type="xs:string"/>
              <xs:attribute name="id" type="xs:string"/>
              <xs:attribute name="package" type="xs:string"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    private static XDocument Validated(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, XmlReader.Create(new StringReader(Schema)));
        var problems = new List<string>();
        XDocument document = XDocument.Parse(xml);
        document.Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return document;
    }

    [Fact]
    public void RandomReportsGiveValidJunitWithOneTestCasePerClaim() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            XDocument junit = Validated(JUnitReportWriter.Write(document));
            var cases = junit.Descendants("testcase").ToList();
            Assert.Equal(document.Claims.Select(c => c.Id).Concat(document.Run.NotFinished), cases.Select(c => (string)c.Attribute("name")!));
            XElement suite = junit.Root!.Element("testsuite")!;
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
        }).Verify(60);

    [Fact]
    public void VerdictsMapToFailureSkippedAndPass()
    {
        XDocument junit = Validated(JUnitReportWriter.Write(SyntheticReports.Mixed()));
        var cases = junit.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);

        XElement failure = cases["spiridonoff.S2"].Element("failure")!;
        // The message is the measured-versus-predicted sentence, then the first assertion that did not pass.
        Assert.Equal("Claim spiridonoff.S2. Measured slope = -0.98 [-1.02, -0.94] at level 1 − 2.5e-6; predicted -1; margin -0.5. " +
            "First assertion not passed (FAIL): spiridonoff.S2 slope: measured -0.98 [-1.02, -0.94] at level 1 − 2.5e-6, predicted -1 (O(1/T)), margin -0.5.",
            (string)failure.Attribute("message")!);
        Assert.Contains("- [FAIL] spiridonoff.S2 slope: measured -0.98 [-1.02, -0.94] at level 1 − 2.5e-6, predicted -1 (O(1/T)), margin -0.5; least-squares slope, t interval; α = 2.5e-6; detectable discrepancy 0.06; replicates needed not applicable: the prediction has no bound (normal residuals assumed)", failure.Value);
        Assert.Contains("Evidence: the detectable discrepancy is 0.06 in slope", failure.Value);
        Assert.Equal("localsgd.spiridonoff", (string)cases["spiridonoff.S2"].Attribute("classname")!);

        XElement skipped = cases["gu.uv-toy"].Element("skipped")!;
        Assert.StartsWith("inconclusive: the interval straddles the prediction's boundary (measured -0.98", (string)skipped.Attribute("message")!);
        Assert.EndsWith("undecided: gu.uv-toy slope", (string)skipped.Attribute("message")!);

        Assert.Null(cases["spiridonoff.S1"].Element("failure"));
        Assert.Null(cases["spiridonoff.S1"].Element("skipped"));
        Assert.Equal("0.250", (string)cases["spiridonoff.S1"].Attribute("time")!);
        Assert.Equal("2026-11-21T09:30:00", (string)junit.Root!.Element("testsuite")!.Attribute("timestamp")!);
    }

    [Fact]
    public void UnfinishedClaimsAreSkippedAndTheRunSaysItIsIncomplete()
    {
        XDocument junit = Validated(JUnitReportWriter.Write(SyntheticReports.Incomplete()));
        var skipped = junit.Descendants("testcase").Where(c => c.Element("skipped") is not null).ToList();
        Assert.Equal(["spiridonoff.S2", "gu.uv-toy"], skipped.Select(c => (string)c.Attribute("name")!));
        Assert.All(skipped, c => Assert.Equal("not finished: the run stopped before this claim finished", (string)c.Element("skipped")!.Attribute("message")!));
        XElement suite = junit.Root!.Element("testsuite")!;
        Assert.StartsWith("Incomplete run", suite.Element("system-out")!.Value);
        Assert.Equal("false", suite.Descendants("property").Single(p => (string)p.Attribute("name")! == "complete").Attribute("value")!.Value);
    }

    [Fact]
    public void CharactersXmlForbidsBecomeReplacementCharacters()
    {
        var claim = SyntheticReports.Claim("a.b", "fail", []) with { Title = "bell\u0007 and \uD800 lone surrogate, pair 😀" };
        XDocument junit = Validated(JUnitReportWriter.Write(SyntheticReports.Document([claim])));
        Assert.StartsWith("bell\uFFFD and \uFFFD lone surrogate, pair 😀. Measured", (string)junit.Descendants("failure").Single().Attribute("message")!);
    }
}
