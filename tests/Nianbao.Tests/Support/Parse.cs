using System.Text;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Tests.Support;

/// <summary>Runs the whole pipeline on text or files, as the CLI does.</summary>
public static class Parse
{
    public static ParsedFile Text(string text, string source = "generated.txt") =>
        ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(text), source);

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static ParsedFile Sample(string name) => ReportPipeline.ParseFile(SamplePath(name));

    public static AnnualReport Report(this ParsedFile file) =>
        file.Report ?? throw new Xunit.Sdk.XunitException($"{file.Source}: {file.Error?.Code} {file.Error?.Message}");

    /// <summary>Findings a reviewer acts on: warnings and errors.</summary>
    public static IEnumerable<Finding> Actionable(this AnnualReport r) => r.Findings.Where(f => f.Severity != Severity.Info);
}
