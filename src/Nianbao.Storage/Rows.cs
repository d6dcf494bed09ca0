using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>A stored version's header as Dapper reads it (snake_case columns map by name).</summary>
internal sealed class VersionRow
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public int Number { get; set; }
    public string Kind { get; set; } = "";
    public long? SourceId { get; set; }
    public long? BasedOnId { get; set; }
    public int? Edition { get; set; }
    public string? Title { get; set; }
    public string? TitleAgency { get; set; }
    public string? SignatureAgency { get; set; }
    public int? TitleYear { get; set; }
    public int? PeriodYear { get; set; }
    public string? Published { get; set; }
    public string SectionsJson { get; set; } = "[]";
    public string CellsJson { get; set; } = "[]";
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public string CreatedAt { get; set; } = "";
    public string? CreatedBy { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A stored finding; <see cref="Origin"/> tells reading findings from rule findings.</summary>
internal sealed class FindingRow
{
    public long Id { get; set; }
    public long VersionId { get; set; }
    public string Origin { get; set; } = "";
    public string Rule { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Message { get; set; } = "";
    public string Cells { get; set; } = "";
    public string? Expected { get; set; }
    public string? Actual { get; set; }
    public int? Line { get; set; }

    public Finding ToFinding() => new(Rule, SeverityNames.Parse(Severity), Message,
        Cells.Length == 0 ? [] : Cells.Split(','), Expected, Actual, Line);
}

public static class SeverityNames
{
    public static string Name(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };

    public static Severity Parse(string s) => s switch { "error" => Severity.Error, "warning" => Severity.Warning, _ => Severity.Info };

    /// <summary>错误 / 警告 / 提示, for people.</summary>
    public static string Chinese(Severity s) => s switch { Severity.Error => "错误", Severity.Warning => "警告", _ => "提示" };
}
