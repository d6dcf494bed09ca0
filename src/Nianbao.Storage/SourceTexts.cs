using System.IO.Compression;
using System.Text;
using Dapper;
using Nianbao.Reading;

namespace Nianbao.Storage;

/// <summary>
/// The text each source was read as, kept gzip-compressed beside the source: a cell's provenance names a line of
/// this text, and a reviewer wants to see that line and its neighbours, not only the cell's raw fragment. For PDF
/// and scans the original bytes are kept too, for the page image.
/// </summary>
public static class SourceTexts
{
    public static byte[]? Compress(LayoutDocument? layout)
    {
        if (layout is null || layout.Text.Length == 0) return null;
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(layout.Text));
        return buffer.ToArray();
    }

    /// <summary>
    /// The text behind a version: its own source, or for a corrected version the source of the reading it was based
    /// on (the cells not corrected keep that reading's provenance). Null when the store has none (ingested before
    /// migration 3, or a reading that produced no text).
    /// </summary>
    public static string? ForVersion(this ReportStore store, long versionId)
    {
        using var c = store.Connect();
        if (SourceOf(c, versionId) is not { } sourceId) return null;
        var gz = c.ExecuteScalar<byte[]?>("SELECT text_gz FROM source_texts WHERE source_id = @sourceId", new { sourceId });
        return gz is null ? null : Decompress(gz);
    }

    /// <summary>The original file behind a version when it was kept (PDF, scans), with its format; else null.</summary>
    public static (string Format, byte[] Bytes)? OriginalForVersion(this ReportStore store, long versionId)
    {
        using var c = store.Connect();
        if (SourceOf(c, versionId) is not { } sourceId) return null;
        var row = c.QuerySingleOrDefault<(string Format, byte[] Bytes)>(
            "SELECT s.format, f.bytes FROM source_files f JOIN sources s ON s.id = f.source_id WHERE f.source_id = @sourceId", new { sourceId });
        return row.Bytes is null ? null : row;
    }

    /// <summary>The format of the kept original behind a version (<c>pdf</c>, <c>image</c>), or null when none is kept.</summary>
    public static string? OriginalFormat(this ReportStore store, long versionId)
    {
        using var c = store.Connect();
        return SourceOf(c, versionId) is { } sourceId
            ? c.ExecuteScalar<string?>("SELECT s.format FROM source_files f JOIN sources s ON s.id = f.source_id WHERE f.source_id = @sourceId", new { sourceId })
            : null;
    }

    /// <summary>The version's own source, or for a corrected version the source of the reading it was based on.</summary>
    private static long? SourceOf(System.Data.Common.DbConnection c, long versionId)
    {
        for (long? id = versionId, hops = 0; id is { } v && hops < 1000; hops++)
        {
            var row = c.QuerySingleOrDefault<(long? SourceId, long? BasedOnId)>(
                "SELECT source_id, based_on_id FROM report_versions WHERE id = @v", new { v });
            if (row.SourceId is { } sourceId) return sourceId;
            id = row.BasedOnId;
        }
        return null;
    }

    private static string Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
