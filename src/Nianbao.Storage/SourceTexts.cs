using System.IO.Compression;
using System.Text;
using Dapper;
using Nianbao.Reading;

namespace Nianbao.Storage;

/// <summary>
/// The text each source was read as, kept gzip-compressed beside the source: a cell's provenance names a line of
/// this text, and a reviewer wants to see that line and its neighbours, not only the cell's raw fragment.
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
        for (long? id = versionId, hops = 0; id is { } v && hops < 1000; hops++)
        {
            var row = c.QuerySingleOrDefault<(long? SourceId, long? BasedOnId)>(
                "SELECT source_id, based_on_id FROM report_versions WHERE id = @v", new { v });
            if (row.SourceId is { } sourceId)
            {
                var gz = c.ExecuteScalar<byte[]?>("SELECT text_gz FROM source_texts WHERE source_id = @sourceId", new { sourceId });
                return gz is null ? null : Decompress(gz);
            }
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
