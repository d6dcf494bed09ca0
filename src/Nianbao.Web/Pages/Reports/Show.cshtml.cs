using Nianbao.Template;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Presentation;

namespace Nianbao.Web.Pages.Reports;

public sealed class ShowModel(ReportStore store, IAuthorizationService authorization) : PageModel
{
    public ReportView View { get; private set; } = null!;

    /// <summary>The active version's metrics as stored (docs/metrics.md).</summary>
    public IReadOnlyList<MetricValue> Metrics { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IncludeDismissed { get; private set; }
    public IReadOnlyList<ReviewLogEntry> ReviewLog { get; private set; } = [];
    private Dictionary<string, ReviewedFinding> _reviews = [];

    /// <summary>The review of a finding on the page (errors and warnings; none for 提示).</summary>
    public ReviewedFinding? ReviewOf(Nianbao.Template.Finding f) =>
        f.Severity == Nianbao.Template.Severity.Info ? null : _reviews.GetValueOrDefault(FindingKeys.Of(f));
    public bool MessageIsError { get; private set; }

    public IActionResult OnGet(long id, string? corrected, bool identity = false, string? reviewed = null)
    {
        if (!Load(id)) return NotFound();
        if (reviewed is not null) Message = $"已将该问题标记为“{reviewed}”。";
        if (corrected is not null) Message = $"已保存对 {corrected} 的更正，规则已重新检查。";
        if (identity) Message = $"已将报告归入 {View.Stored.Listing.Agency} {View.Stored.Listing.YearText}，跨年核对已重新进行。";
        return Page();
    }

    /// <summary>A reviewer's correction: a new version with the rules rerun (Corrections.Apply), then back to the page.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(long id, string? key, string? value, string? reason)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!(await authorization.AuthorizeAsync(User, UserRoles.Reviewer)).Succeeded) return Forbid();
        if (key is null || !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return Error(id, "请先点击要更正的单元格，并填写一个数字");
        try
        {
            store.Apply(id, key, number, reason ?? "", User.Identity!.Name!);
        }
        catch (StoreException e)
        {
            return Error(id, e.Message);
        }
        return Redirect($"/reports/{id}?corrected={Uri.EscapeDataString(key)}");
    }

    /// <summary>
    /// A reviewer sets the report's agency and/or year (Identities.SetIdentity): audited, cross-year rules rerun; the
    /// page then shows the report it now is (another id when it joined that agency's report of that year). A field
    /// left as it was is not changed.
    /// </summary>
    public async Task<IActionResult> OnPostIdentityAsync(long id, string? agency, string? year, string? reason)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!(await authorization.AuthorizeAsync(User, UserRoles.Reviewer)).Succeeded) return Forbid();
        if (store.Get(id) is not { } current) return NotFound();
        int? newYear = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return Error(id, "报告年度应为四位数字，如 2023");
            if (y != current.Listing.Year) newYear = y;
        }
        var newAgency = string.IsNullOrWhiteSpace(agency) || agency.Trim() == current.Listing.AgencyName ? null : agency.Trim();
        if (newAgency is null && newYear is null) return Error(id, "请填写新的发布机关或报告年度");
        try
        {
            var moved = store.SetIdentity(id, newAgency, newYear, reason ?? "", User.Identity!.Name!);
            return Redirect($"/reports/{moved.Listing.Id}?identity=true");
        }
        catch (StoreException e)
        {
            return Error(id, e.Message);
        }
    }

    /// <summary>A reviewer's status for one finding (FindingReviews.SetReview): audited; a dismissal needs a reason.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long id, string? finding, string? status, string? reason)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!(await authorization.AuthorizeAsync(User, UserRoles.Reviewer)).Succeeded) return Forbid();
        if (finding is null || ReviewStatuses.Parse(status) is not { } s) return Error(id, "请选择要复核的问题和复核结论");
        try
        {
            var r = store.SetReview(id, finding, s, reason, User.Identity!.Name!);
            var dismissed = Request.Query["dismissed"] == "1" ? "&dismissed=1" : "";
            return Redirect($"/reports/{id}?reviewed={Uri.EscapeDataString(ReviewStatuses.Chinese(r.Status))}{dismissed}");
        }
        catch (StoreException e)
        {
            return Error(id, e.Message);
        }
    }

    private IActionResult Error(long id, string message)
    {
        if (!Load(id)) return NotFound();
        Message = message;
        MessageIsError = true;
        return Page();
    }

    private bool Load(long id)
    {
        IncludeDismissed = Request.Query["dismissed"] == "1";
        if (store.Get(id, IncludeDismissed) is not { } stored) return false;
        _reviews = stored.Reviews.Where(r => r.Index is not null).DistinctBy(r => r.Key).ToDictionary(r => r.Key);
        ReviewLog = store.ReviewLog(id);
        var version = stored.Listing.VersionId;
        View = ReportView.Build(stored, store.ForVersion(version), store.OriginalFormat(version));
        Metrics = store.Metrics(version);
        return true;
    }
}
