using System.Data.Common;
using Dapper;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>What became of one file.</summary>
public enum IngestOutcome
{
    /// <summary>Stored as a new version of its report.</summary>
    Stored,

    /// <summary>The same bytes were ingested before (by this run, an earlier one, or another process).</summary>
    AlreadyKnown,

    /// <summary>Not a readable report; recorded with its reason.</summary>
    Failed,

    /// <summary>
    /// Stored, but its agency or year could not be recognised: listed as 机关待确认 / 年度待确认 until a reviewer sets
    /// them (<see cref="Identities.SetIdentity"/>). Nothing that was read is lost.
    /// </summary>
    Unidentified,
}

public sealed record IngestResult(string Path, IngestOutcome Outcome, string? Message = null, long? ReportId = null)
{
    /// <summary>The version this file stored (rolled back with its batch), or null.</summary>
    public long? VersionId { get; init; }

    /// <summary>The parsed file, handed to the progress callback only (results returned by a run drop it to keep memory flat).</summary>
    public ParsedFile? File { get; init; }
}

/// <summary>
/// Writes parsed files: a file's source row, agency, report, version, cells and findings, and the mark that its
/// cross-year findings need refreshing. Either all of a file is committed or none of it (its own transaction, or its
/// own savepoint inside a group's transaction), so a killed ingest leaves nothing half written and a rerun (which
/// skips known hashes) finishes the rest.
/// </summary>
public sealed class IngestWriter(ReportStore store) : IDisposable
{
    private readonly DbConnection _c = store.Dialect.OpenForIngest(store.Location.ConnectionString);
    private readonly bool _postgres = store.Dialect is PostgresDialect;

    /// <summary>The writer's connection (the bench reads its PostgreSQL server process's CPU through it).</summary>
    internal DbConnection Connection => _c;

    /// <summary>
    /// Agency names this writer knows are in <c>agency_names</c> (rows never change once written), with the agency's
    /// id where it is the agency's own name (null: a variant, known to exist, maybe another agency's). A known name
    /// needs neither the lookup nor the insert of its spelling. Committed ones only: names written by the open
    /// transaction wait in <see cref="_pending"/> until it commits, and a file rolled back to its savepoint takes its
    /// names out again.
    /// </summary>
    private readonly Dictionary<string, long?> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long?> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _pendingOrder = [];
    private int _fileStart;

    internal IngestResult Write(ParsedFile file, string sha256, long size, EncodedVersion? encoded = null, byte[]? textGz = null, byte[]? original = null,
        long? batchId = null, string? diskPath = null)
    {
        using var tx = Begin();
        var result = WriteIn(tx, file, sha256, size, encoded, textGz, original, batchId, diskPath);
        Commit(tx);
        return result;
    }

    /// <summary>A write transaction on this writer's connection (a group of files shares one; see <see cref="IngestRunner"/>).</summary>
    internal DbTransaction Begin()
    {
        // Whatever an earlier transaction left pending was not committed (its commit would have taken it).
        _pending.Clear();
        _pendingOrder.Clear();
        return store.Dialect.BeginWrite(_c);
    }

    /// <summary>Commits, and from then on knows the agency names the transaction wrote.</summary>
    internal void Commit(DbTransaction tx)
    {
        tx.Commit();
        foreach (var (key, id) in _pending) _names[key] = id;
        _pending.Clear();
        _pendingOrder.Clear();
    }

    /// <summary>The file being written was rolled back to its savepoint: the names it wrote are gone with it.</summary>
    internal void FileRolledBack()
    {
        for (var i = _fileStart; i < _pendingOrder.Count; i++) _pending.Remove(_pendingOrder[i]);
        _pendingOrder.RemoveRange(_fileStart, _pendingOrder.Count - _fileStart);
    }

    private bool KnownName(string key, out long? id) => _names.TryGetValue(key, out id) || _pending.TryGetValue(key, out id);

    private void Learn(string key, long? id)
    {
        if (KnownName(key, out var had) && (had is not null || id is null)) return;
        if (!_pending.ContainsKey(key)) _pendingOrder.Add(key);
        _pending[key] = id;
    }

    /// <summary>Records files that are not written (unreadable, known bytes, a failed write) in one transaction of their own.</summary>
    internal void Record(long batchId, IEnumerable<(IngestResult Result, string? DiskPath)> files)
    {
        using var tx = Begin();
        foreach (var (result, diskPath) in files) RecordIn(tx, batchId, result, diskPath);
        Commit(tx);
    }

    /// <summary>Records a file that was not written inside <paramref name="tx"/>.</summary>
    internal void RecordIn(DbTransaction tx, long batchId, IngestResult result, string? diskPath) =>
        Batches.RecordFile(_c, tx, batchId, result, diskPath, null);

    /// <summary>
    /// Writes one file inside <paramref name="tx"/>; the caller commits (or rolls back to its savepoint). The batch's
    /// record of the file goes in the same transaction: a killed run never has one without the other.
    /// </summary>
    internal IngestResult WriteIn(DbTransaction tx, ParsedFile file, string sha256, long size, EncodedVersion? encoded = null, byte[]? textGz = null,
        byte[]? original = null, long? batchId = null, string? diskPath = null)
    {
        _fileStart = _pendingOrder.Count;
        var (outcome, message) = file switch
        {
            { Report: null } => ("failed", file.Error?.Message ?? "未知错误"),
            _ => ("report", (string?)null),
        };
        var agency = file.Report?.Agency is { } a ? AgencyNames.Analyse(a) : null;
        var text = textGz ?? SourceTexts.Compress(file.Layout);
        // PostgreSQL: the agency lock, the source with its text and original, and the agency's id in one round trip.
        var (sourceId, agencyId) = _postgres
            ? SourceAndAgencyInOneTrip(tx, file, sha256, size, outcome, message, text, original, agency)
            : (InsertSource(tx, file, sha256, size, outcome, message, text, original), null);
        // Known bytes are skipped, except a source an earlier version recorded as 'unidentified' without storing
        // its report: read again, that report is stored now (as 机关待确认 if need be).
        // A failed source is read again only by a retry, a rolled-back one by any later ingest (IngestRunner's known hashes).
        if (sourceId is null)
        {
            var known = new IngestResult(file.Source, IngestOutcome.AlreadyKnown);
            if (batchId is { } b) Batches.RecordFile(_c, tx, b, known, diskPath, null);
            return known;
        }
        if (file.Report is not { } report)
        {
            var failed = new IngestResult(file.Source, IngestOutcome.Failed, message);
            if (batchId is { } b) Batches.RecordFile(_c, tx, b, failed, diskPath, sourceId);
            return failed;
        }

        var findings = report.Findings
            .Select((f, i) => new StoredFinding(f, i < file.ReadingFindings ? StoredFinding.Reading : StoredFinding.Rules))
            .ToList();
        encoded ??= Versions.Encode(report);
        if (agency is null || report.Year is null || !_postgres)
        {
            // Statement by statement: SQLite (a statement costs no round trip there), or a report pending its agency or year.
            if (agency is not null && !_postgres) store.Dialect.LockAgency(_c, tx, agency.LooseKey);
            // The one-trip lookup above taught this writer the agency's id: ResolveKnown then only records the signature's spelling.
            long? id = agency is null ? null : ResolveKnown(tx, agency, report.SignatureAgency);
            var reportId = id is null || report.Year is null
                ? _c.ExecuteScalar<long>("INSERT INTO reports (agency_id, year) VALUES (@id, @Year) RETURNING id", new { id, report.Year }, tx)
                : _c.ExecuteScalar<long>(ReportUpsert, new { agencyId = id, year = report.Year }, tx);
            var versionId = AddVersion(_c, tx, reportId, report, encoded, findings, "parsed", sourceId, basedOnId: null, createdBy: null, reason: null);
            var result = Result(file, report, reportId, versionId);
            if (batchId is { } b) Batches.RecordFile(_c, tx, b, result, diskPath, sourceId);
            return result;
        }
        // PostgreSQL, agency and year known: the report and its version in one statement, the rest in one command.
        var resolved = agencyId ?? ResolveKnown(tx, agency, null);
        var (vId, rId) = _c.QuerySingle<(long, long)>(VersionWithReport, VersionArgs(resolved, report, encoded, findings, sourceId.Value), tx);
        var stored = Result(file, report, rId, vId);
        AfterVersion(tx, rId, vId, resolved, report, findings, agency, batchId is { } batch ? (batch, stored, diskPath, sourceId.Value) : null);
        return stored;
    }

    private static IngestResult Result(ParsedFile file, AnnualReport report, long reportId, long versionId) =>
        report is { Agency: not null, Year: not null }
            ? new IngestResult(file.Source, IngestOutcome.Stored, null, reportId) { VersionId = versionId }
            : new IngestResult(file.Source, IngestOutcome.Unidentified, Identities.PendingMessage(report.Agency is null, report.Year is null), reportId) { VersionId = versionId };

    private const string SourceInsert = """
        INSERT INTO sources (sha256, path, format, size, ingested_at, outcome, error_code, error_message)
        VALUES (@sha256, @path, @Format, @size, @now, @outcome, @code, @message)
        ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, format = excluded.format, ingested_at = excluded.ingested_at,
          outcome = excluded.outcome, error_code = excluded.error_code, error_message = excluded.error_message
        WHERE sources.outcome IN ('unidentified', 'failed', 'rolled_back')
        RETURNING id
        """;

    /// <summary>The no-op update makes RETURNING give the id of an existing report too.</summary>
    private const string ReportUpsert = """
        INSERT INTO reports (agency_id, year) VALUES (@agencyId, @year)
        ON CONFLICT (agency_id, year) DO UPDATE SET year = excluded.year RETURNING id
        """;

    private object SourceArgs(ParsedFile file, string sha256, long size, string outcome, string? message) =>
        new { sha256, path = file.Source, file.Format, size, now = Clock.Now(), outcome, code = file.Error?.Code, message };

    private long? InsertSource(DbTransaction tx, ParsedFile file, string sha256, long size, string outcome, string? message, byte[]? text, byte[]? original)
    {
        var sourceId = _c.ExecuteScalar<long?>(SourceInsert, SourceArgs(file, sha256, size, outcome, message), tx);
        if (sourceId is null) return null;
        if (text is not null)
            _c.Execute("INSERT INTO source_texts (source_id, text_gz) VALUES (@sourceId, @text) ON CONFLICT (source_id) DO NOTHING", new { sourceId, text }, tx);
        if (original is not null)
            _c.Execute("INSERT INTO source_files (source_id, bytes) VALUES (@sourceId, @original) ON CONFLICT (source_id) DO NOTHING", new { sourceId, original }, tx);
        return sourceId;
    }

    /// <summary>
    /// PostgreSQL: one command takes the agency's lock, inserts the source (and its text and original, by data-modifying
    /// CTEs that insert nothing when the source is known) and looks the agency's name up, unless this writer knows it.
    /// A name found without the lock is still right: names are never changed or removed; one not found is resolved
    /// under the lock (<see cref="AgencyRegistry.Resolve"/> looks again).
    /// </summary>
    private (long? SourceId, long? AgencyId) SourceAndAgencyInOneTrip(DbTransaction tx, ParsedFile file, string sha256, long size, string outcome, string? message,
        byte[]? text, byte[]? original, AgencyName? agency)
    {
        var args = new DynamicParameters(SourceArgs(file, sha256, size, outcome, message));
        var sql = new System.Text.StringBuilder();
        long? agencyId = null;
        var lookUp = false;
        if (agency is not null && file.Report is not null)
        {
            sql.Append("SELECT pg_advisory_xact_lock(1, hashtext(@lockKey));\n");
            args.Add("lockKey", agency.LooseKey);
            if (KnownName(agency.Key, out var id) && id is not null) agencyId = id;
            else lookUp = true;
        }
        sql.Append("WITH s AS (").Append(SourceInsert).Append(')');
        if (text is not null)
        {
            sql.Append(", t AS (INSERT INTO source_texts (source_id, text_gz) SELECT id, @text FROM s ON CONFLICT (source_id) DO NOTHING)");
            args.Add("text", text);
        }
        if (original is not null)
        {
            sql.Append(", o AS (INSERT INTO source_files (source_id, bytes) SELECT id, @original FROM s ON CONFLICT (source_id) DO NOTHING)");
            args.Add("original", original);
        }
        sql.Append(" SELECT id FROM s;\n");
        if (lookUp)
        {
            sql.Append("SELECT agency_id FROM agency_names WHERE name_key = @nameKey;\n");
            args.Add("nameKey", agency!.Key);
        }
        long? sourceId = null;
        using (var reader = _c.ExecuteReader(sql.ToString(), args, tx))
        {
            if (agency is not null && file.Report is not null) reader.NextResult(); // the lock's row
            if (reader.Read()) sourceId = reader.GetInt64(0);
            if (lookUp)
            {
                reader.NextResult();
                if (reader.Read()) { agencyId = reader.GetInt64(0); Learn(agency!.Key, agencyId); }
            }
            while (reader.NextResult()) { }
        }
        return (sourceId, agencyId);
    }

    /// <summary>The agency's id, resolved under its lock (taken already) unless this writer knows the name; records the signature's spelling unless known.</summary>
    private long ResolveKnown(DbTransaction tx, AgencyName name, string? otherName)
    {
        long id;
        if (KnownName(name.Key, out var known) && known is { } k) id = k;
        else
        {
            id = AgencyRegistry.Resolve(_c, tx, name);
            Learn(name.Key, id);
        }
        if (otherName is not null)
        {
            var other = AgencyNames.Analyse(otherName);
            if (other.LooseKey == name.LooseKey && !KnownName(other.Key, out _))
            {
                AgencyRegistry.AddVariant(_c, tx, other, id);
                Learn(other.Key, null);
            }
        }
        return id;
    }

    /// <summary>
    /// The report (created if new) and its version in one statement; the version is numbered from the report's
    /// others under the agency lock, as <see cref="Versions.Insert"/> does.
    /// </summary>
    private const string VersionWithReport = """
        WITH r AS (INSERT INTO reports (agency_id, year) VALUES (@agencyId, @year)
                   ON CONFLICT (agency_id, year) DO UPDATE SET year = excluded.year RETURNING id)
        INSERT INTO report_versions (report_id, number, kind, source_id, based_on_id, edition, title, title_agency,
          signature_agency, title_year, period_year, published, sections_json, cells_json, errors, warnings, created_at, created_by, reason)
        SELECT r.id, (SELECT COALESCE(MAX(number), 0) + 1 FROM report_versions WHERE report_id = r.id), 'parsed', @sourceId, NULL, @edition, @Title, @TitleAgency,
          @SignatureAgency, @TitleYear, @PeriodYear, @published, @sections, @cells, @errors, @warnings, @now, NULL, NULL
        FROM r
        RETURNING id, report_id
        """;

    private static object VersionArgs(long agencyId, AnnualReport report, EncodedVersion encoded, IReadOnlyList<StoredFinding> findings, long sourceId) => new
    {
        agencyId, year = report.Year, sourceId, edition = (int?)report.Edition, report.Title, report.TitleAgency,
        report.SignatureAgency, report.TitleYear, report.PeriodYear,
        published = report.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        sections = encoded.SectionsJson, cells = encoded.CellsJson,
        errors = findings.Count(f => f.Finding.Severity == Severity.Error),
        warnings = findings.Count(f => f.Finding.Severity == Severity.Warning),
        now = Clock.Now(),
    };

    /// <summary>
    /// PostgreSQL: what follows a new version in one command: whether the report has reviews to sync, its findings and
    /// metrics, making it active, the signature's spelling and the batch's record of the file.
    /// </summary>
    private void AfterVersion(DbTransaction tx, long reportId, long versionId, long agencyId, AnnualReport report, IReadOnlyList<StoredFinding> findings,
        AgencyName agency, (long Batch, IngestResult Result, string? DiskPath, long SourceId)? record)
    {
        var sql = new System.Text.StringBuilder(ReviewsToSync + ";\n");
        var args = new DynamicParameters();
        args.Add("v", versionId);
        args.Add("reportId", reportId);
        args.Add("kind", "parsed");
        if (findings.Count > 0) Versions.AppendFindings(sql, args, "@v", findings);
        MetricRows.Append(sql, args, _c, "@v", report);
        sql.Append(Activate.Replace("@versionId", "@v", StringComparison.Ordinal)).Append(";\n");
        string? variant = null;
        if (report.SignatureAgency is { } otherName && AgencyNames.Analyse(otherName) is var other && other.LooseKey == agency.LooseKey && !KnownName(other.Key, out _))
        {
            sql.Append("INSERT INTO agency_names (name_key, name, agency_id) VALUES (@otherKey, @otherName, @agencyId) ON CONFLICT (name_key) DO NOTHING;\n");
            args.Add("agencyId", agencyId);
            args.Add("otherKey", other.Key);
            args.Add("otherName", other.Name);
            variant = other.Key;
        }
        if (record is { } r) Batches.AppendRecordFile(sql, args, r.Batch, r.Result, r.DiskPath, r.SourceId);
        bool sync;
        using (var reader = _c.ExecuteReader(sql.ToString(), args, tx))
        {
            sync = reader.Read();
            while (reader.NextResult()) { }
        }
        if (variant is not null) Learn(variant, null);
        if (sync) FindingReviews.Sync(_c, tx, reportId);
    }

    private const string ReviewsToSync = "SELECT 1 FROM finding_reviews WHERE report_id = @reportId AND status IN ('confirmed', 'resolved') LIMIT 1";

    /// <summary>A newly read source replaces an earlier reading, but never a reviewer's correction.</summary>
    private const string Activate = """
        UPDATE reports SET active_version_id = @versionId, cross_year_stale = 1
        WHERE id = @reportId AND (@kind = 'corrected' OR active_version_id IS NULL
          OR (SELECT v.kind FROM report_versions v WHERE v.id = reports.active_version_id) = 'parsed')
        """;

    /// <summary>
    /// Files a version under (agency, year), creating the agency and report when new. An unknown agency or year
    /// (null) makes a report of its own, pending a reviewer (NULLs never match in UNIQUE (agency_id, year)).
    /// </summary>
    internal static (long ReportId, long VersionId) StoreVersion(DbConnection c, DbTransaction tx, Dialect dialect, string? agency, string? otherName, int? year,
        AnnualReport report, EncodedVersion encoded, IReadOnlyList<StoredFinding> findings, string kind, long? sourceId, long? basedOnId,
        string? createdBy, string? reason)
    {
        var agencyId = agency is null ? (long?)null : ResolveAgency(c, tx, dialect, agency, otherName);
        // The no-op update makes RETURNING give the id of an existing report too.
        var reportId = agencyId is null || year is null
            ? c.ExecuteScalar<long>("INSERT INTO reports (agency_id, year) VALUES (@agencyId, @year) RETURNING id", new { agencyId, year }, tx)
            : c.ExecuteScalar<long>("""
                INSERT INTO reports (agency_id, year) VALUES (@agencyId, @year)
                ON CONFLICT (agency_id, year) DO UPDATE SET year = excluded.year RETURNING id
                """, new { agencyId, year }, tx);
        return (reportId, AddVersion(c, tx, reportId, report, encoded, findings, kind, sourceId, basedOnId, createdBy, reason));
    }

    /// <summary>The agency's id under its lock (created with its region if new), recording the signature's spelling.</summary>
    internal static long ResolveAgency(DbConnection c, DbTransaction tx, Dialect dialect, string agency, string? otherName)
    {
        var name = AgencyNames.Analyse(agency);
        dialect.LockAgency(c, tx, name.LooseKey);
        var agencyId = AgencyRegistry.Resolve(c, tx, name);
        if (otherName is not null)
        {
            var other = AgencyNames.Analyse(otherName);
            if (other.LooseKey == name.LooseKey) AgencyRegistry.AddVariant(c, tx, other, agencyId);
        }
        return agencyId;
    }

    /// <summary>Adds a version to a report and makes it active unless a reviewer's correction is.</summary>
    internal static long AddVersion(DbConnection c, DbTransaction tx, long reportId,
        AnnualReport report, EncodedVersion encoded, IReadOnlyList<StoredFinding> findings, string kind, long? sourceId, long? basedOnId,
        string? createdBy, string? reason)
    {
        var versionId = Versions.Insert(c, tx, reportId, kind, sourceId, basedOnId, report, encoded, findings, createdBy, reason);
        // A newly read source replaces an earlier reading, but never a reviewer's correction. Cross-year findings are
        // refreshed after the batch, per agency and on all cores (CrossYearFindings.Refresh); the flag is committed
        // with the version, so a killed run leaves that work marked, not lost.
        c.Execute(Activate, new { versionId, reportId, kind }, tx);
        FindingReviews.Sync(c, tx, reportId);
        return versionId;
    }

    public void Dispose() => _c.Dispose();
}
