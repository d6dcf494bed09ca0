using System.Globalization;
using System.Text;
using CsvHelper;
using Nianbao.Pipeline;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Export;

/// <summary>
/// CSV in UTF-8 with a BOM (so Excel shows the Chinese), one row per cell ("long" layout: filter and pivot in
/// Excel or pandas), or one row per finding.
/// </summary>
public static class CsvExport
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static int WriteCells(IEnumerable<StoredReport> reports, Stream output)
    {
        using var csv = Open(output, "edition", "key", "table", "row", "column", "value", "status", "unit", "version");
        var count = 0;
        var labels = ExportColumns.All.ToDictionary(c => c.Key);
        foreach (var s in reports)
        {
            count++;
            foreach (var (key, cell) in s.Report.Cells)
            {
                var col = labels[key];
                WriteReport(csv, s.Listing);
                csv.WriteField(Text(s.Listing.Edition));
                csv.WriteField(Text(key));
                csv.WriteField(Text(CellNames.TableName(col.Table)));
                csv.WriteField(Text(col.Row));
                csv.WriteField(Text(col.Column));
                csv.WriteField(cell.Value);
                csv.WriteField(Text(ReportJson.StatusName(cell.Status)));
                csv.WriteField(Text(cell.Unit));
                csv.WriteField(s.Listing.Version);
                csv.EndRecord();
            }
        }
        return count;
    }

    /// <summary>One row per report and metric (docs/metrics.md); an empty value with its reason when 不适用 or unknown.</summary>
    public static int WriteMetrics(IEnumerable<StoredReport> reports, Stream output)
    {
        using var csv = Open(output, "edition", "metric", "name", "unit", "value", "reason", "version");
        var count = 0;
        foreach (var s in reports)
        {
            count++;
            foreach (var m in s.Metrics)
            {
                var def = MetricCatalog.Default[m.Key];
                WriteReport(csv, s.Listing);
                csv.WriteField(Text(s.Listing.Edition));
                csv.WriteField(Text(m.Key));
                csv.WriteField(Text(def.Name));
                csv.WriteField(Text(def.Unit));
                csv.WriteField(m.Value);
                csv.WriteField(Text(m.Reason));
                csv.WriteField(s.Listing.Version);
                csv.EndRecord();
            }
        }
        return count;
    }

    public static int WriteFindings(IEnumerable<StoredReport> reports, Stream output)
    {
        using var csv = Open(output, "scope", "rule", "severity", "message", "cells", "expected", "actual");
        var count = 0;
        foreach (var s in reports)
        {
            count++;
            foreach (var (scope, f) in ExportFindings.Of(s))
            {
                WriteReport(csv, s.Listing);
                csv.WriteField(Text(scope));
                csv.WriteField(Text(f.Rule));
                csv.WriteField(Text(SeverityNames.Name(f.Severity)));
                csv.WriteField(Text(f.Message));
                csv.WriteField(Text(string.Join(' ', f.Cells)));
                WriteNumberOrText(csv, f.Expected);
                WriteNumberOrText(csv, f.Actual);
                csv.EndRecord();
            }
        }
        return count;
    }

    /// <summary>
    /// Text that starts like a formula (= + - @, tab, CR) gets a leading single quote, as OWASP recommends, so a
    /// spreadsheet shows it instead of running it (an agency name is whatever the report says). The writer applies
    /// this to text only: numbers are written as numbers, so a value of -10 stays -10.
    /// </summary>
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    /// <summary>The columns every row begins with (<see cref="ReportColumns"/>).</summary>
    private static void WriteReport(CsvWriter csv, ReportListing l)
    {
        csv.WriteField(l.Id);
        csv.WriteField(Text(l.Agency));
        csv.WriteField(Text(l.Region));
        csv.WriteField(Text(l.YearText));
    }

    /// <summary>A writer on <paramref name="output"/> with the header row written: the report columns, then <paramref name="columns"/>.</summary>
    private static CsvWriter Open(Stream output, params string[] columns)
    {
        var csv = CsvWriter.Create(new StreamWriter(output, Utf8WithBom, 1 << 16, leaveOpen: true), Options, leaveOpen: false);
        foreach (var h in ReportColumns.Concat(columns)) csv.WriteField(h);
        csv.EndRecord();
        return csv;
    }

    private static readonly string[] ReportColumns = ["report_id", "agency", "region", "year"];

    /// <summary>A finding's expected or actual value: a number as a number (never escaped), other text as text.</summary>
    private static void WriteNumberOrText(CsvWriter csv, string? value)
    {
        if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            csv.WriteField(number);
        else csv.WriteField(Text(value));
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A report's own findings and its cross-year findings, labelled by scope.</summary>
public static class ExportFindings
{
    public static IEnumerable<(string Scope, Finding Finding)> Of(StoredReport s) =>
        s.Report.Findings.Select(f => ("report", f)).Concat(s.CrossYearFindings.Select(f => ("cross_year", f)));
}
