using System.Data.Common;
using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>A finding's review status.</summary>
public enum ReviewStatus
{
    /// <summary>待复核: nobody has looked at it yet (the default, no row needed).</summary>
    Pending,

    /// <summary>确认问题: a reviewer agrees it is a problem the agency must fix.</summary>
    Confirmed,

    /// <summary>不是问题: a reviewer dismissed it, with a reason; it leaves counts, filters, charts and exports.</summary>
    Dismissed,

    /// <summary>已整改: a confirmed finding a later version no longer raises (set by the store, never by hand).</summary>
    Resolved,
}

public static class ReviewStatuses
{
    public static string Name(ReviewStatus s) => s switch
    {
        ReviewStatus.Confirmed => "confirmed",
        ReviewStatus.Dismissed => "dismissed",
        ReviewStatus.Resolved => "resolved",
        _ => "pending",
    };

    public static ReviewStatus? Parse(string? s) => s switch
    {
        "pending" => ReviewStatus.Pending,
        "confirmed" => ReviewStatus.Confirmed,
        "dismissed" => ReviewStatus.Dismissed,
        "resolved" => ReviewStatus.Resolved,
        _ => null,
    };

    /// <summary>待复核 / 确认问题 / 不是问题 / 已整改, for people.</summary>
    public static string Chinese(ReviewStatus s) => s switch
    {
        ReviewStatus.Confirmed => "确认问题",
        ReviewStatus.Dismissed => "不是问题",
        ReviewStatus.Resolved => "已整改",
        _ => "待复核",
    };
}

/// <summary>
/// One finding of a report with its review. <see cref="Index"/> (from 1) numbers the findings the report raises now,
/// in the order <c>show</c> prints them; a finding already 已整改 is no longer raised and has none.
/// </summary>
public sealed record ReviewedFinding(int? Index, string Fingerprint, string Key, Finding Finding, bool CrossYear,
    ReviewStatus Status, string? Reason, string? ReviewedBy, string? ReviewedAt);

/// <summary>One change of a finding's status: who, when, from what to what, why.</summary>
public sealed class ReviewLogEntry
{
    public string FindingKey { get; set; } = "";
    public string Rule { get; set; } = "";
    public string OldStatus { get; set; } = "";
    public string NewStatus { get; set; } = "";
    public string? Reason { get; set; }
    public string ChangedBy { get; set; } = "";
    public string ChangedAt { get; set; } = "";

    public string OldLabel => ReviewStatuses.Chinese(ReviewStatuses.Parse(OldStatus) ?? ReviewStatus.Pending);
    public string NewLabel => ReviewStatuses.Chinese(ReviewStatuses.Parse(NewStatus) ?? ReviewStatus.Pending);
}

/// <summary>A confirmed finding its report still raises (for the review report): where it is and who confirmed it.</summary>
public sealed class OpenFinding
{
    public long ReportId { get; set; }
    public string Agency { get; set; } = "";
    public string? Region { get; set; }
    public int Year { get; set; }
    public long VersionId { get; set; }
    public string Rule { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Cells { get; set; } = "";
    public string Message { get; set; } = "";
    public string FindingKey { get; set; } = "";
    public int CrossYear { get; set; }
    public string? Reason { get; set; }
    public string ReviewedBy { get; set; } = "";
    public string ReviewedAt { get; set; } = "";

    public IReadOnlyList<string> CellKeys => Cells.Length == 0 ? [] : Cells.Split(',');
}

/// <summary>
/// Review of findings: every error or warning a report's active version raises (its own and the cross-year ones) is
/// 待复核 until a reviewer confirms or dismisses it (a dismissal needs a reason). The status belongs to the report and
/// the finding's key (<see cref="FindingKeys"/>), so it follows the finding into a re-ingested source or a corrected
/// version; a confirmed finding that a later version no longer raises becomes 已整改 by itself (<see cref="Sync"/>).
/// Every change is written to <c>finding_review_log</c>. Informational findings (提示) are not reviewed.
/// </summary>
public static class FindingReviews
{
    public const string SystemUser = "系统";
    internal const string Reviewed = "severity IN ('error', 'warning')";

    private sealed class ReviewRow
    {
        public string FindingKey { get; set; } = "";
        public string Rule { get; set; } = "";
        public string Severity { get; set; } = "";
        public string Cells { get; set; } = "";
        public string Message { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public string ReviewedBy { get; set; } = "";
        public string ReviewedAt { get; set; } = "";
    }

    /// <summary>SQL: the finding row <paramref name="alias"/> of report <paramref name="report"/> is dismissed.</summary>
    internal static string DismissedSql(string alias, string report) =>
        $"EXISTS (SELECT 1 FROM finding_reviews d WHERE d.report_id = {report} AND d.finding_key = {alias}.finding_key AND d.status = 'dismissed')";

    /// <summary>The findings the report raises now (errors and warnings, its own then the cross-year ones) with their review, then those 已整改.</summary>
    public static IReadOnlyList<ReviewedFinding> Reviews(this ReportStore store, long reportId)
    {
        using var c = store.Connect();
        return Reviews(c, null, reportId);
    }

    internal static IReadOnlyList<ReviewedFinding> Reviews(DbConnection c, DbTransaction? tx, long reportId)
    {
        var identity = Identity(c, tx, reportId);
        if (identity is null) return [];
        var raised = c.Query<FindingRow>($"""
            SELECT f.* FROM findings f JOIN reports r ON r.active_version_id = f.version_id
            WHERE r.id = @reportId AND f.{Reviewed} ORDER BY f.id
            """, new { reportId }, tx).Select(f => (f.ToFinding(), false))
            .Concat(c.Query<FindingRow>($"SELECT * FROM cross_year_findings WHERE report_id = @reportId AND {Reviewed} ORDER BY id",
                new { reportId }, tx).Select(f => (f.ToFinding(), true)))
            .ToList();
        var rows = c.Query<ReviewRow>("SELECT * FROM finding_reviews WHERE report_id = @reportId ORDER BY id", new { reportId }, tx)
            .ToDictionary(r => r.FindingKey);
        var list = new List<ReviewedFinding>();
        var seen = new HashSet<string>();
        foreach (var ((finding, cross), i) in raised.Select((f, i) => (f, i)))
        {
            var key = FindingKeys.Of(finding);
            seen.Add(key);
            rows.TryGetValue(key, out var row);
            var status = row is null ? ReviewStatus.Pending : ReviewStatuses.Parse(row.Status) ?? ReviewStatus.Pending;
            list.Add(new ReviewedFinding(i + 1, FindingKeys.Fingerprint(identity, key), key, finding, cross, status,
                row?.Reason, row?.ReviewedBy, row?.ReviewedAt));
        }
        foreach (var row in rows.Values.Where(r => r.Status == "resolved" && !seen.Contains(r.FindingKey)))
            list.Add(new ReviewedFinding(null, FindingKeys.Fingerprint(identity, row.FindingKey), row.FindingKey,
                new Finding(row.Rule, SeverityNames.Parse(row.Severity), row.Message, row.Cells.Length == 0 ? [] : row.Cells.Split(',')),
                false, ReviewStatus.Resolved, row.Reason, row.ReviewedBy, row.ReviewedAt));
        return list;
    }

    /// <summary>The report's identity in fingerprints: its agency's normalised name and year, or its number while pending.</summary>
    private static string? Identity(DbConnection c, DbTransaction? tx, long reportId)
    {
        var r = c.QuerySingleOrDefault<(long Id, string? NameKey, int? Year)>("""
            SELECT r.id, a.name_key, r.year FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.id = @reportId
            """, new { reportId }, tx);
        if (r.Id == 0) return null;
        return r.NameKey is { } name && r.Year is { } year ? $"{name}|{year}" : $"report:{r.Id}";
    }

    /// <summary>
    /// Sets the status of one finding the report raises, named by its fingerprint or its number in <c>show</c>.
    /// 已整改 is never set by hand; 不是问题 needs a reason.
    /// </summary>
    public static ReviewedFinding SetReview(this ReportStore store, long reportId, string finding, ReviewStatus status, string? reason, string user)
    {
        Check(status, reason);
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        var all = Reviews(c, tx, reportId);
        if (all.Count == 0 && Identity(c, tx, reportId) is null) throw new StoreException($"报告 {reportId} 不存在");
        var target = all.FirstOrDefault(f => f.Index is not null && (string.Equals(f.Fingerprint, finding.Trim(), StringComparison.OrdinalIgnoreCase)
                         || f.Index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) == finding.Trim()))
                     ?? throw new StoreException($"报告 {reportId} 当前没有编号或指纹为“{finding}”的问题（用 show {reportId} 查看）");
        if (target.Status == status) throw new StoreException($"该问题已是“{ReviewStatuses.Chinese(status)}”");
        Write(c, tx, reportId, target, status, reason, user);
        tx.Commit();
        return Reviews(c, null, reportId).First(f => f.Key == target.Key);
    }

    /// <summary>
    /// Sets the status of every finding of <paramref name="rule"/> in each of the reports (a reviewer's bulk action from
    /// the list), with one reason; returns how many findings changed. Findings already in that status are left alone.
    /// </summary>
    public static int ReviewRule(this ReportStore store, IEnumerable<long> reportIds, string rule, ReviewStatus status, string? reason, string user)
    {
        Check(status, reason);
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        var changed = 0;
        foreach (var id in reportIds.Distinct())
            foreach (var f in Reviews(c, tx, id).Where(f => f.Index is not null && f.Finding.Rule == rule && f.Status != status)
                         .DistinctBy(f => f.Key))
            {
                Write(c, tx, id, f, status, reason, user);
                changed++;
            }
        tx.Commit();
        return changed;
    }

    private static void Check(ReviewStatus status, string? reason)
    {
        if (status == ReviewStatus.Resolved) throw new StoreException("“已整改”由系统设定：报告的新版本不再出现该问题时自动标记");
        if (status == ReviewStatus.Dismissed && string.IsNullOrWhiteSpace(reason)) throw new StoreException("判定“不是问题”必须说明理由");
    }

    private static void Write(DbConnection c, DbTransaction tx, long reportId, ReviewedFinding f, ReviewStatus status, string? reason, string user)
    {
        var now = Clock.Now();
        var args = new
        {
            reportId, key = f.Key, rule = f.Finding.Rule, severity = SeverityNames.Name(f.Finding.Severity),
            cells = string.Join(',', f.Finding.Cells), message = f.Finding.Message, status = ReviewStatuses.Name(status),
            old = ReviewStatuses.Name(f.Status), reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), user, now,
        };
        c.Execute("""
            INSERT INTO finding_reviews (report_id, finding_key, rule, severity, cells, message, status, reason, reviewed_by, reviewed_at)
            VALUES (@reportId, @key, @rule, @severity, @cells, @message, @status, @reason, @user, @now)
            ON CONFLICT (report_id, finding_key) DO UPDATE SET rule = excluded.rule, severity = excluded.severity, cells = excluded.cells,
              message = excluded.message, status = excluded.status, reason = excluded.reason, reviewed_by = excluded.reviewed_by,
              reviewed_at = excluded.reviewed_at
            """, args, tx);
        Log(c, tx, reportId, f.Key, f.Finding.Rule, args.old, args.status, args.reason, user, now);
    }

    private static void Log(DbConnection c, DbTransaction tx, long reportId, string key, string rule, string old, string @new, string? reason, string user, string now) =>
        c.Execute("""
            INSERT INTO finding_review_log (report_id, finding_key, rule, old_status, new_status, reason, changed_by, changed_at)
            VALUES (@reportId, @key, @rule, @old, @new, @reason, @user, @now)
            """, new { reportId, key, rule, old, @new, reason, user, now }, tx);

    /// <summary>
    /// After the report's active version or cross-year findings changed: a confirmed finding no longer raised becomes
    /// 已整改, and one 已整改 that is raised again (a rollback, a new reading) is 确认问题 again; both logged as 系统.
    /// </summary>
    internal static void Sync(DbConnection c, DbTransaction tx, long reportId)
    {
        var rows = c.Query<(string Key, string Rule, string Status)>(
            "SELECT finding_key, rule, status FROM finding_reviews WHERE report_id = @reportId AND status IN ('confirmed', 'resolved')",
            new { reportId }, tx).ToList();
        if (rows.Count == 0) return;
        var raised = c.Query<string>($"""
            SELECT f.finding_key FROM findings f JOIN reports r ON r.active_version_id = f.version_id WHERE r.id = @reportId AND f.{Reviewed}
            UNION SELECT finding_key FROM cross_year_findings WHERE report_id = @reportId AND {Reviewed}
            """, new { reportId }, tx).ToHashSet();
        var now = Clock.Now();
        foreach (var (key, rule, status) in rows)
        {
            var (to, why) = (status, raised.Contains(key)) switch
            {
                ("confirmed", false) => ("resolved", "报告的当前版本不再出现该问题"),
                ("resolved", true) => ("confirmed", "报告的当前版本再次出现该问题"),
                _ => (null, null),
            };
            if (to is null) continue;
            c.Execute("UPDATE finding_reviews SET status = @to, reviewed_by = @user, reviewed_at = @now WHERE report_id = @reportId AND finding_key = @key",
                new { to, user = SystemUser, now, reportId, key }, tx);
            Log(c, tx, reportId, key, rule, status, to, why, SystemUser, now);
        }
    }

    /// <summary>Every change of the report's findings' statuses, oldest first.</summary>
    public static IReadOnlyList<ReviewLogEntry> ReviewLog(this ReportStore store, long reportId)
    {
        using var c = store.Connect();
        return c.Query<ReviewLogEntry>("""
            SELECT finding_key, rule, old_status, new_status, reason, changed_by, changed_at FROM finding_review_log
            WHERE report_id = @reportId ORDER BY id
            """, new { reportId }).ToList();
    }

    /// <summary>
    /// The confirmed findings still raised by the active reports of a region (sub-regions included) and year: for the
    /// annual review report (年报审查情况通报), by region path, agency, rule.
    /// </summary>
    public static IReadOnlyList<OpenFinding> OpenFindings(this ReportStore store, string region, int year)
    {
        using var c = store.Connect();
        return c.Query<OpenFinding>($"""
            SELECT * FROM (
              SELECT r.id AS report_id, a.name AS agency, g.path AS region, r.year, r.active_version_id AS version_id, f.rule, f.severity,
                     f.cells, f.message, f.finding_key, 0 AS cross_year, d.reason, d.reviewed_by, d.reviewed_at
              FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN regions g ON g.id = a.region_id
                JOIN findings f ON f.version_id = r.active_version_id
                JOIN finding_reviews d ON d.report_id = r.id AND d.finding_key = f.finding_key AND d.status = 'confirmed'
              WHERE r.year = @year AND a.region_id IN ({Regions.SubtreeSql})
              UNION ALL
              SELECT r.id, a.name, g.path, r.year, r.active_version_id, x.rule, x.severity, x.cells, x.message, x.finding_key, 1, d.reason,
                     d.reviewed_by, d.reviewed_at
              FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN regions g ON g.id = a.region_id
                JOIN cross_year_findings x ON x.report_id = r.id
                JOIN finding_reviews d ON d.report_id = r.id AND d.finding_key = x.finding_key AND d.status = 'confirmed'
              WHERE r.year = @year AND a.region_id IN ({Regions.SubtreeSql})
            ) t ORDER BY region, agency, rule, finding_key
            """, new { region, year }).ToList();
    }

    /// <summary>A report merged into another by an identity correction takes its reviews along (the target's own win).</summary>
    internal static void Move(DbConnection c, DbTransaction tx, long from, long into)
    {
        c.Execute("""
            UPDATE finding_reviews SET report_id = @into WHERE report_id = @from
              AND finding_key NOT IN (SELECT finding_key FROM finding_reviews WHERE report_id = @into)
            """, new { from, into }, tx);
        c.Execute("DELETE FROM finding_reviews WHERE report_id = @from", new { from }, tx);
        c.Execute("UPDATE finding_review_log SET report_id = @into WHERE report_id = @from", new { from, into }, tx);
    }
}
