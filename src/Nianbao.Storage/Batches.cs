using System.Data.Common;
using Dapper;

namespace Nianbao.Storage;

/// <summary>An ingest or upload: who, when, from where, and what became of its files.</summary>
public sealed class BatchListing
{
    public long Id { get; set; }
    public string Origin { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public string? FinishedAt { get; set; }
    public string Status { get; set; } = "";
    public long? RetryOf { get; set; }
    public string? RolledBackBy { get; set; }
    public string? RolledBackAt { get; set; }
    public string? RollbackReason { get; set; }
    public int Files { get; set; }
    public int Stored { get; set; }
    public int Known { get; set; }
    public int Failed { get; set; }
    public int Unidentified { get; set; }

    /// <summary>命令行 / 网页上传.</summary>
    public string OriginLabel => Origin == Batches.Web ? "网页上传" : "命令行导入";

    /// <summary>进行中或中断 / 已完成 / 已回滚.</summary>
    public string StatusLabel => Status switch { "done" => "已完成", "rolled_back" => "已回滚", _ => "进行中或已中断" };
}

/// <summary>One file of a batch and its outcome.</summary>
public sealed class BatchFileListing
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? DiskPath { get; set; }
    public string Outcome { get; set; } = "";
    public string? Message { get; set; }
    public long? ReportId { get; set; }
    public long? VersionId { get; set; }
    public int? VersionNumber { get; set; }

    /// <summary>已入库 / 此前已入库 / 失败 / 已入库，机关或年度待确认.</summary>
    public string OutcomeLabel => Outcome switch
    {
        "stored" => "已入库",
        "known" => "此前已入库",
        "unidentified" => "已入库，机关或年度待确认",
        _ => "失败",
    };
}

/// <summary>What a retry did: the new batch, and the failed files it could not find again.</summary>
public sealed record RetryResult(long? BatchId, IReadOnlyList<IngestResult> Results, IReadOnlyList<string> Missing);

/// <summary>What a rollback did: the reports whose active version changed (to none, when the batch had created them).</summary>
public sealed record RollbackResult(long BatchId, int Versions, IReadOnlyList<long> Reports);

/// <summary>
/// Batches: every <see cref="IngestRunner.Run"/> records one (origin, user, start and end) with a row per file, written
/// in the file's own transaction. A batch's failed files can be read again (<see cref="Retry"/>), and a batch can be
/// rolled back (<see cref="Rollback"/>): its versions are withdrawn, the version before each becomes active again, and
/// cross-year findings and reviews follow.
/// </summary>
public static class Batches
{
    public const string Cli = "cli";
    public const string Web = "web";

    internal static long Start(ReportStore store, string origin, string user, long? retryOf)
    {
        using var c = store.Connect();
        return c.ExecuteScalar<long>("""
            INSERT INTO ingest_batches (origin, created_by, started_at, status, retry_of) VALUES (@origin, @user, @now, 'running', @retryOf) RETURNING id
            """, new { origin, user, now = Clock.Now(), retryOf });
    }

    internal static void Finish(ReportStore store, long batchId)
    {
        using var c = store.Connect();
        c.Execute("UPDATE ingest_batches SET status = 'done', finished_at = @now WHERE id = @batchId AND status = 'running'",
            new { batchId, now = Clock.Now() });
    }

    internal static void RecordFile(DbConnection c, DbTransaction tx, long batchId, IngestResult r, string? diskPath, long? sourceId)
    {
        var sql = new System.Text.StringBuilder();
        var args = new DynamicParameters();
        AppendRecordFile(sql, args, batchId, r, diskPath, sourceId);
        c.Execute(sql.ToString(), args, tx);
    }

    /// <summary>Appends the statement recording a file of the batch (parameters named b…), so it can share a command with other statements.</summary>
    internal static void AppendRecordFile(System.Text.StringBuilder sql, DynamicParameters args, long batchId, IngestResult r, string? diskPath, long? sourceId)
    {
        sql.Append("""
            INSERT INTO batch_files (batch_id, name, disk_path, outcome, message, source_id, report_id, version_id)
            VALUES (@bBatch, @bName, @bDisk, @bOutcome, @bMessage, @bSource, @bReport, @bVersion);

            """);
        args.Add("bBatch", batchId);
        args.Add("bName", r.Path);
        args.Add("bDisk", diskPath, System.Data.DbType.String);
        args.Add("bOutcome", r.Outcome switch
        {
            IngestOutcome.Stored => "stored",
            IngestOutcome.AlreadyKnown => "known",
            IngestOutcome.Unidentified => "unidentified",
            _ => "failed",
        });
        args.Add("bMessage", r.Message, System.Data.DbType.String);
        args.Add("bSource", sourceId, System.Data.DbType.Int64);
        args.Add("bReport", r.ReportId, System.Data.DbType.Int64);
        args.Add("bVersion", r.VersionId, System.Data.DbType.Int64);
    }

    private const string ListingSelect = """
        SELECT b.*,
               (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id) AS files,
               (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id AND f.outcome = 'stored') AS stored,
               (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id AND f.outcome = 'known') AS known,
               (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id AND f.outcome = 'failed') AS failed,
               (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id AND f.outcome = 'unidentified') AS unidentified
        FROM ingest_batches b
        """;

    /// <summary>The newest batches first.</summary>
    public static IReadOnlyList<BatchListing> BatchList(this ReportStore store, int limit = 500)
    {
        using var c = store.Connect();
        return c.Query<BatchListing>($"{ListingSelect} ORDER BY b.id DESC LIMIT @limit", new { limit }).ToList();
    }

    public static BatchListing? Batch(this ReportStore store, long batchId)
    {
        using var c = store.Connect();
        return c.QuerySingleOrDefault<BatchListing>($"{ListingSelect} WHERE b.id = @batchId", new { batchId });
    }

    public static IReadOnlyList<BatchFileListing> BatchFiles(this ReportStore store, long batchId)
    {
        using var c = store.Connect();
        return c.Query<BatchFileListing>("""
            SELECT f.id, f.name, f.disk_path, f.outcome, f.message, f.report_id, f.version_id, v.number AS version_number
            FROM batch_files f LEFT JOIN report_versions v ON v.id = f.version_id WHERE f.batch_id = @batchId ORDER BY f.id
            """, new { batchId }).ToList();
    }

    /// <summary>
    /// Reads the batch's failed files again as a new batch (<see cref="IngestRunner.RetryOf"/>): from where a CLI batch
    /// read them, else from the bytes the store kept (uploads). Files found in neither place are named in the result.
    /// </summary>
    public static RetryResult Retry(this ReportStore store, long batchId, string user, int? parallelism = null)
    {
        var batch = store.Batch(batchId) ?? throw new StoreException($"批次 {batchId} 不存在");
        var failed = store.BatchFiles(batchId).Where(f => f.Outcome == "failed").ToList();
        if (failed.Count == 0) throw new StoreException($"批次 {batchId} 没有失败的文件");
        var temp = Path.Combine(Path.GetTempPath(), "nianbao-retry-" + Guid.NewGuid().ToString("N"));
        var names = new Dictionary<string, string>();
        var missing = new List<string>();
        try
        {
            using (var c = store.Connect())
                foreach (var (f, i) in failed.Select((f, i) => (f, i)))
                {
                    if (f.DiskPath is { } disk && File.Exists(disk)) { names[disk] = f.Name; continue; }
                    var bytes = c.ExecuteScalar<byte[]?>("""
                        SELECT k.bytes FROM batch_files f JOIN source_files k ON k.source_id = f.source_id WHERE f.id = @Id
                        """, new { f.Id });
                    if (bytes is null) { missing.Add(f.Name); continue; }
                    Directory.CreateDirectory(temp);
                    var path = Path.Combine(temp, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    File.WriteAllBytes(path, bytes);
                    names[path] = f.Name;
                }
            if (names.Count == 0) return new RetryResult(null, [], missing);
            var runner = new IngestRunner(store) { Origin = batch.Origin, User = user, RetryOf = batchId, KeepFailedOriginals = batch.Origin == Web };
            var results = runner.Run(names.Keys.ToList(), parallelism, sourceName: p => names[p]);
            return new RetryResult(runner.BatchId, results, missing);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// Rolls a finished batch back: every version it stored is withdrawn (and so is a correction made on top of one),
    /// each report concerned gets back the version that would be active without them (the newest correction left, else
    /// the newest reading left, else none: the report leaves the lists), its sources may be ingested again, cross-year
    /// findings are refreshed for the agencies concerned and reviews follow. The batch keeps who, when and why.
    /// </summary>
    public static RollbackResult Rollback(this ReportStore store, long batchId, string reason, string user)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new StoreException("回滚必须说明理由");
        var batch = store.Batch(batchId) ?? throw new StoreException($"批次 {batchId} 不存在");
        if (batch.Status == "rolled_back") throw new StoreException($"批次 {batchId} 已于 {batch.RolledBackAt} 回滚");
        if (batch.Status != "done") throw new StoreException($"批次 {batchId} 尚未完成（或已中断），不能回滚");
        using var c = store.Connect();
        var reports = new List<long>();
        var withdrawn = 0;
        using (var tx = store.Dialect.BeginWrite(c))
        {
            var versions = c.Query<(long VersionId, long ReportId)>("""
                SELECT f.version_id, v.report_id FROM batch_files f JOIN report_versions v ON v.id = f.version_id
                WHERE f.batch_id = @batchId AND v.withdrawn_by_batch IS NULL
                """, new { batchId }, tx).ToList();
            foreach (var reportId in versions.Select(v => v.ReportId).Distinct().Order())
            {
                var target = c.QuerySingle<(long? AgencyId, string? LooseKey, int? Year)>("""
                    SELECT r.agency_id, a.loose_key, r.year FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.id = @reportId
                    """, new { reportId }, tx);
                if (target.LooseKey is { } key) store.Dialect.LockAgency(c, tx, key);
                var all = c.Query<(long Id, string Kind, long? BasedOnId, long? Withdrawn)>(
                    "SELECT id, kind, based_on_id, withdrawn_by_batch FROM report_versions WHERE report_id = @reportId ORDER BY number",
                    new { reportId }, tx).ToList();
                var gone = all.Where(v => v.Withdrawn is not null).Select(v => v.Id).ToHashSet();
                var mine = versions.Where(v => v.ReportId == reportId).Select(v => v.VersionId).ToHashSet();
                // Versions are numbered in order, so a correction comes after what it is based on: one pass suffices.
                foreach (var v in all)
                    if (v.BasedOnId is { } b && mine.Contains(b))
                        mine.Add(v.Id);
                c.Execute($"UPDATE report_versions SET withdrawn_by_batch = @batchId WHERE {store.Dialect.InList("id", "@ids")}",
                    new { batchId, ids = mine.ToList() }, tx);
                withdrawn += mine.Count;
                var left = all.Where(v => !mine.Contains(v.Id) && !gone.Contains(v.Id)).ToList();
                long? active = left.LastOrDefault(v => v.Kind == "corrected").Id is var k and > 0 ? k
                    : left.LastOrDefault(v => v.Kind == "parsed").Id is var p and > 0 ? p : null;
                // A report left without a version is out of the cross-year comparisons: nothing to refresh for it.
                c.Execute("UPDATE reports SET active_version_id = @active, cross_year_stale = @stale WHERE id = @reportId",
                    new { active, stale = active is null ? 0 : 1, reportId }, tx);
                if (active is null)
                {
                    // Out of the lists: no cross-year findings of its own, and the following year compares with nothing.
                    c.Execute("DELETE FROM cross_year_findings WHERE report_id = @reportId OR previous_report_id = @reportId", new { reportId }, tx);
                }
                if (target is { AgencyId: { } agency, Year: { } year })
                    c.Execute("UPDATE reports SET cross_year_stale = 1 WHERE agency_id = @agency AND year = @next", new { agency, next = year + 1 }, tx);
                FindingReviews.Sync(c, tx, reportId);
                reports.Add(reportId);
            }
            // The same bytes may be ingested again (a fixed file, a mistaken rollback).
            c.Execute("""
                UPDATE sources SET outcome = 'rolled_back' WHERE id IN (SELECT f.source_id FROM batch_files f WHERE f.batch_id = @batchId AND f.version_id IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM report_versions v WHERE v.source_id = sources.id AND v.withdrawn_by_batch IS NULL)
                """, new { batchId }, tx);
            c.Execute("""
                UPDATE ingest_batches SET status = 'rolled_back', rolled_back_by = @user, rolled_back_at = @now, rollback_reason = @reason WHERE id = @batchId
                """, new { batchId, user, now = Clock.Now(), reason = reason.Trim() }, tx);
            tx.Commit();
        }
        CrossYearFindings.Refresh(store);
        return new RollbackResult(batchId, withdrawn, reports);
    }
}
