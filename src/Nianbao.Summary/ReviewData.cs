using System.Globalization;
using Dapper;
using Nianbao.Template;
using Nianbao.Storage;

namespace Nianbao.Summary;

/// <summary>An open finding of an agency's report with the cell it concerns and where that cell was read.</summary>
/// <param name="Status">The reviewer's status: 确认问题 or 待复核 (dismissed findings are not open; 已整改 ones are not raised).</param>
public sealed record ReviewFinding(string Rule, string Severity, string Message, string Cells, string? Source, string Status);

/// <summary>One agency the region expects a report from, with what the store holds for the year.</summary>
/// <param name="Timeliness">按期 / 逾期 / 无法判断（未注明日期） / 无法定期限 / 未报送.</param>
public sealed record ReviewAgency(
    string Agency, string? Region, string Kind, long? ReportId, int? Edition, string? Published, string? Deadline,
    string Timeliness, string Verdict, int Errors, int Warnings, IReadOnlyList<ReviewFinding> Findings,
    string? SourcePath, string? Sha256, int? Version);

/// <summary>A risk the review names: the rules that show it and the agencies whose report raises them.</summary>
public sealed record ReviewRisk(string Name, IReadOnlyList<string> Rules, IReadOnlyList<string> Agencies);

/// <summary>Everything the annual review report prints, read from the store only.</summary>
public sealed record ReviewReportData(string Region, int Year, IReadOnlyList<ReviewAgency> Agencies, PeerComparison? Peers,
    IReadOnlyList<ReviewRisk> Risks, AnnualReport? Summary)
{
    public int Expected => Agencies.Count;
    public int Received => Agencies.Count(a => a.ReportId is not null);
    public int Missing => Agencies.Count(a => a.ReportId is null);
    public int Late => Agencies.Count(a => a.Timeliness == ReviewData.Late);
}

/// <summary>
/// Gathers the year's review (年报审查情况通报) of a region from the store: coverage against the agencies the region
/// map expects, timeliness by 条例 第四十九条 judged from each report's stated date, each agency's open findings
/// with the cell's source, the metrics with peer percentiles and the top risks.
/// </summary>
public static class ReviewData
{
    public const string OnTime = "按期", Late = "逾期", NoDate = "无法判断（未注明日期）", NoDeadline = "无法定期限", NotReceived = "未报送";

    /// <summary>Risks the review lists first, by the rules that reveal them (a rule absent from a store simply counts none).</summary>
    private static readonly (string Name, string[] Rules)[] RiskRules =
    [
        ("表格数据计算错误", ["T3.H1", "T3.H2", "T3.H3", "T4.H4", "CELL.H5", "T2.H5"]),
        ("报告内容缺项", ["DOC.H6", "READ.ROW"]),
        ("使用旧版格式", ["DOC.H7"]),
        ("内容与上年雷同", ["X.W11"]),
        ("前后年度数据不衔接", ["X.S1", "X.S2", "X.S3"]),
        ("指标同比突变", ["X.W14"]),
    ];

    public static ReviewReportData Review(this ReportStore store, string region, int year)
    {
        var expected = store.ExpectedAgencies(region);
        if (expected.Count == 0)
            throw new StoreException($"数据库中没有属于“{region}”的机关（可用 regions import 导入机关与地区的对应表）");
        var reports = store.Stream(new ReportFilter(Year: year, Region: region)).Where(r => r.Listing.AgencyName is not null)
            .ToDictionary(r => r.Listing.AgencyName!);
        var agencies = new List<ReviewAgency>();
        foreach (var (_, name, path, imported) in expected)
        {
            var kind = imported ?? AgencyKinds.Infer(name);
            if (!reports.TryGetValue(name, out var r))
            {
                agencies.Add(new ReviewAgency(name, path, kind, null, null, null, Deadline(name, imported, year)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    NotReceived, "未报送", 0, 0, [], null, null, null));
                continue;
            }
            var findings = OpenFindings(r);
            var errors = findings.Count(f => f.Finding.Severity == Severity.Error);
            var warnings = findings.Count(f => f.Finding.Severity == Severity.Warning);
            var deadline = Deadline(name, imported, year);
            var published = r.Report.Published;
            var timeliness = deadline is null ? NoDeadline : published is null ? NoDate : published <= deadline ? OnTime : Late;
            var active = r.Versions.FirstOrDefault(v => v.Active);
            var edition = r.Report.Edition is { } e ? (Edition?)e : null;
            agencies.Add(new ReviewAgency(name, path, kind, r.Listing.Id, (int?)edition,
                published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                timeliness, errors > 0 ? "需整改" : warnings > 0 ? "需核实" : "未发现问题", errors, warnings,
                findings.Select(f => Describe(r.Report, f.Finding, f.Status)).ToList(),
                active?.SourcePath ?? r.Listing.SourcePath, active?.Sha256, active?.Number));
        }
        PeerComparison? peers = null;
        try { peers = store.Compare(region, year); } catch (StoreException) { /* no report this year: no metric table */ }
        AnnualReport? summary = null;
        try { summary = store.Compute(region, year).Report; } catch (StoreException) { /* nothing to sum */ }
        var risks = RiskRules.Select(k => new ReviewRisk(k.Name, k.Rules, agencies
                .Where(a => a.Findings.Any(f => k.Rules.Contains(f.Rule))).Select(a => a.Agency).ToList()))
            .ToList();
        return new ReviewReportData(region, year, agencies, peers, risks, summary);
    }

    /// <summary>
    /// The findings the review names: every error and warning the active version and the cross-year comparison raise
    /// that a reviewer has not dismissed — confirmed ones first, then those still 待复核 (left out, a finding nobody has
    /// looked at yet would vanish from the report); each carries its status.
    /// </summary>
    public static IReadOnlyList<ReviewedFinding> OpenFindings(StoredReport r) =>
        r.Reviews.Where(f => f.Index is not null && f.Finding.Severity != Severity.Info
                             && f.Status is ReviewStatus.Pending or ReviewStatus.Confirmed)
            .OrderByDescending(f => f.Status == ReviewStatus.Confirmed).ToList();

    /// <summary>
    /// 条例 第四十九条: departments by 1月31日, a local government's own report by 3月31日; none for 乡镇/街道. An imported
    /// kind decides; otherwise the name does, by the same suffix lists and dates (template.json) as rule DOC.W10, so
    /// the review and the report's own finding never disagree.
    /// </summary>
    public static DateOnly? Deadline(string name, string? importedKind, int year)
    {
        var text = TemplateCatalog.Default.Text;
        string? which = importedKind switch
        {
            "人民政府" => "government",
            "乡镇" or "街道" => null,
            not null => "department",
            null when text.TownshipSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) => null,
            null when text.GovernmentSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) => "government",
            null => "department",
        };
        if (which is null) return null;
        var md = text.Deadlines[which].Split('-');
        return new DateOnly(year + 1, int.Parse(md[0], CultureInfo.InvariantCulture), int.Parse(md[1], CultureInfo.InvariantCulture));
    }

    private static ReviewFinding Describe(AnnualReport report, Finding f, ReviewStatus status)
    {
        string cells = "", source = "";
        if (report.Edition is { } e && f.Cells.Count > 0)
        {
            cells = CellNames.Describe(TemplateCatalog.Default[e], f.Cells);
            source = string.Join("；", f.Cells.Select(k => report.Cells.TryGetValue(k, out var v) ? v.Source?.Where : null)
                .Where(w => !string.IsNullOrEmpty(w)).Distinct());
        }
        if (source.Length == 0 && f.Line is { } line) source = $"第{line}行";
        return new ReviewFinding(f.Rule, SeverityNames.Name(f.Severity), f.Message, cells, source.Length == 0 ? null : source, ReviewStatuses.Chinese(status));
    }
}
