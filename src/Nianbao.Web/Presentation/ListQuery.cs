using Microsoft.AspNetCore.Http;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Web.Presentation;

/// <summary>
/// The report list's filter and order as query-string fields, shared by the list page, its export buttons and
/// <c>GET /api/reports</c>, so an export gives exactly the rows on screen.
/// </summary>
public sealed record ListQuery(int? Year, string? Region, string? Agency, int? Edition, string? Verdict, string? Rule, string Sort, bool Descending)
{
    /// <summary>Only reports with a finding in this review status (pending, confirmed, dismissed, resolved).</summary>
    public string? Status { get; init; }

    /// <summary>显示已排除: dismissed findings count (and are exported) again.</summary>
    public bool IncludeDismissed { get; init; }

    public static readonly string[] Verdicts = ["error", "warning", "pass"];
    public static readonly string[] Sorts = ["agency", "region", "year", "errors", "warnings"];

    public static ListQuery From(IQueryCollection q) => new(
        Int(q["year"]), Text(q["region"]), Text(q["agency"]), Int(q["edition"]),
        Verdicts.Contains(q["verdict"].ToString()) ? q["verdict"].ToString() : null,
        Text(q["rule"]),
        Sorts.Contains(q["sort"].ToString()) ? q["sort"].ToString() : "region",
        q["dir"] == "desc")
    {
        Status = ReviewStatuses.Parse(q["status"].ToString()) is { } s ? ReviewStatuses.Name(s) : null,
        IncludeDismissed = q["dismissed"] == "1",
    };

    public ReportFilter Filter => new(Year, Agency, Region, Edition,
        Verdict switch { "error" => Severity.Error, "warning" => Severity.Warning, _ => null }, Rule)
    {
        Status = ReviewStatuses.Parse(Status),
        IncludeDismissed = IncludeDismissed,
    };

    /// <summary>The listing filtered by verdict and sorted; errors and warnings include cross-year findings.</summary>
    public IReadOnlyList<ReportListing> Apply(IEnumerable<ReportListing> rows)
    {
        if (Verdict == "pass") rows = rows.Where(r => r.Errors + r.CrossErrors == 0);
        Func<ReportListing, IComparable> key = Sort switch
        {
            "agency" => r => r.Agency,
            "year" => r => r.Year ?? 0,
            "errors" => r => r.Errors + r.CrossErrors,
            "warnings" => r => r.Warnings + r.CrossWarnings,
            _ => r => (r.Region ?? "") + "\u0001" + r.Agency + "\u0001" + (r.Year ?? 0).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        };
        return (Descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ToList();
    }

    /// <summary>This query as a query string, with some fields replaced (sort links, export links).</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var fields = new Dictionary<string, string?>
        {
            ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["region"] = Region, ["agency"] = Agency,
            ["edition"] = Edition?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["verdict"] = Verdict, ["rule"] = Rule,
            ["sort"] = Sort, ["dir"] = Descending ? "desc" : null, ["status"] = Status, ["dismissed"] = IncludeDismissed ? "1" : null,
        };
        foreach (var (k, v) in changes) fields[k] = v;
        return QueryString.Create(fields.Where(f => !string.IsNullOrEmpty(f.Value))).ToUriComponent();
    }

    private static int? Int(string? s) => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
