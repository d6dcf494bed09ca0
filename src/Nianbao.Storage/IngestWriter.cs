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

    internal IngestResult Write(ParsedFile file, string sha256, long size, EncodedVersion? encoded = null, byte[]? textGz = null, byte[]? original = null,
        long? batchId = null, string? diskPath = null)
    {
        using var tx = Begin();
        var result = WriteIn(tx, file, sha256, size, encoded, textGz, original, batchId, diskPath);
        tx.Commit();
        return result;
    }

    /// <summary>A write transaction on this writer's connection (a group of files shares one; see <see cref="IngestRunner"/>).</summary>
    internal DbTransaction Begin() => store.Dialect.BeginWrite(_c);

    /// <summary>Records files that are not written (unreadable, known bytes, a failed write) in one transaction of their own.</summary>
    internal void Record(long batchId, IEnumerable<(IngestResult Result, string? DiskPath)> files)
    {
        using var tx = Begin();
        foreach (var (result, diskPath) in files) RecordIn(tx, batchId, result, diskPath);
        tx.Commit();
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
        var (result, sourceId) = WriteRows(tx, file, sha256, size, encoded, textGz, original);
        if (batchId is { } batch) Batches.RecordFile(_c, tx, batch, result, diskPath, sourceId);
        return result;
    }

    private (IngestResult result, long? sourceId) WriteRows(DbTransaction tx, ParsedFile file, string sha256, long size, EncodedVersion? encoded, byte[]? textGz, byte[]? original)
    {
        var (outcome, message) = file switch
        {
            { Report: null } => ("failed", file.Error?.Message ?? "未知错误"),
            _ => ("report", (string?)null),
        };
        var sourceId = _c.ExecuteScalar<long?>("""
            INSERT INTO sources (sha256, path, format, size, ingested_at, outcome, error_code, error_message)
            VALUES (@sha256, @path, @Format, @size, @now, @outcome, @code, @message)
            ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, format = excluded.format, ingested_at = excluded.ingested_at,
              outcome = excluded.outcome, error_code = excluded.error_code, error_message = excluded.error_message
            WHERE sources.outcome IN ('unidentified', 'failed', 'rolled_back')
            RETURNING id
            """, new { sha256, path = file.Source, file.Format, size, now = Clock.Now(), outcome, code = file.Error?.Code, message }, tx);
        // Known bytes are skipped, except a source an earlier version recorded as 'unidentified' without storing
        // its report: read again, that report is stored now (as 机关待确认 if need be).
        // A failed source is read again only by a retry, a rolled-back one by any later ingest (IngestRunner's known hashes).
        if (sourceId is null) return (new IngestResult(file.Source, IngestOutcome.AlreadyKnown), null);
        if ((textGz ?? SourceTexts.Compress(file.Layout)) is { } text)
            _c.Execute("INSERT INTO source_texts (source_id, text_gz) VALUES (@sourceId, @text) ON CONFLICT (source_id) DO NOTHING", new { sourceId, text }, tx);
        if (original is not null)
            _c.Execute("INSERT INTO source_files (source_id, bytes) VALUES (@sourceId, @original) ON CONFLICT (source_id) DO NOTHING", new { sourceId, original }, tx);
        if (file.Report is not { } report)
            return (new IngestResult(file.Source, IngestOutcome.Failed, message), sourceId);

        var findings = report.Findings
            .Select((f, i) => new StoredFinding(f, i < file.ReadingFindings ? StoredFinding.Reading : StoredFinding.Rules))
            .ToList();
        var (reportId, versionId) = StoreVersion(_c, tx, store.Dialect, report.Agency, report.SignatureAgency, report.Year, report, encoded ?? Versions.Encode(report), findings,
            "parsed", sourceId, basedOnId: null, createdBy: null, reason: null);
        return (report is { Agency: not null, Year: not null }
            ? new IngestResult(file.Source, IngestOutcome.Stored, null, reportId) { VersionId = versionId }
            : new IngestResult(file.Source, IngestOutcome.Unidentified, Identities.PendingMessage(report.Agency is null, report.Year is null), reportId) { VersionId = versionId },
            sourceId);
    }

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
        c.Execute("""
            UPDATE reports SET active_version_id = @versionId, cross_year_stale = 1
            WHERE id = @reportId AND (@kind = 'corrected' OR active_version_id IS NULL
              OR (SELECT v.kind FROM report_versions v WHERE v.id = reports.active_version_id) = 'parsed')
            """, new { versionId, reportId, kind }, tx);
        FindingReviews.Sync(c, tx, reportId);
        return versionId;
    }

    public void Dispose() => _c.Dispose();
}
