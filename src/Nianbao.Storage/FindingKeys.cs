using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>
/// What makes a finding the same finding in another version of its report: its rule and the cells it involves,
/// sorted (a correction changes the numbers in its message, not the finding). A finding about no cell (a missing
/// section, a heading's wording) is told apart by its message with the digits taken out, so line numbers that move
/// with another source do not make it new.
/// </summary>
public static class FindingKeys
{
    public static string Of(Finding f) => Of(f.Rule, f.Cells, f.Message);

    public static string Of(string rule, IEnumerable<string> cells, string message)
    {
        var sorted = cells.Where(c => c.Length > 0).Order(StringComparer.Ordinal).ToList();
        return sorted.Count > 0
            ? rule + "|" + string.Join(',', sorted)
            : rule + "|#" + new string(message.Where(ch => !char.IsAsciiDigit(ch)).ToArray());
    }

    /// <summary>
    /// The fingerprint shown to people: the key together with the report's identity (its agency's normalised name and
    /// the year; a report whose identity is pending has only its number), hashed to 12 hex digits.
    /// </summary>
    public static string Fingerprint(string reportIdentity, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reportIdentity + "\n" + key)))[..12];

    /// <summary>Keys for rows stored before migration 7 (computed here: sorting cells is not portable SQL).</summary>
    internal static void Backfill(DbConnection c, Dialect dialect)
    {
        foreach (var table in new[] { "findings", "cross_year_findings" })
        {
            var rows = c.Query<(long Id, string Rule, string Cells, string Message)>(
                $"SELECT id, rule, cells, message FROM {table} WHERE finding_key IS NULL").ToList();
            if (rows.Count == 0) continue;
            using var tx = dialect.BeginWrite(c);
            foreach (var r in rows)
                c.Execute($"UPDATE {table} SET finding_key = @key WHERE id = @Id",
                    new { key = Of(r.Rule, r.Cells.Split(','), r.Message), r.Id }, tx);
            tx.Commit();
        }
    }
}
