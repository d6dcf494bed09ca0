using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Web.Presentation;

namespace Nianbao.Web.Pages;

public sealed class IndexModel(ReportStore store, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }
    public bool CanReview => User.IsInRole(UserRoles.Reviewer) || User.IsInRole(UserRoles.Admin);

    public ListQuery Query { get; private set; } = null!;
    public IReadOnlyList<ReportListing> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<RuleDef> Rules { get; } = TemplateCatalog.Default.Rules.Rules;

    public void OnGet(int? reviewed = null)
    {
        if (reviewed is { } n) Message = $"已复核 {n} 条问题。";
        Load();
    }

    /// <summary>
    /// The bulk action: every finding of one rule in the selected reports confirmed or dismissed with one reason
    /// (FindingReviews.ReviewRule, audited per finding); back to the same list, whose counts follow.
    /// </summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostBulkAsync(long[]? ids, string? rule, string? status, string? reason, string? back)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!(await authorization.AuthorizeAsync(User, UserRoles.Reviewer)).Succeeded) return Forbid();
        var query = (back ?? "").TrimStart('?');
        string? error = null;
        if (ids is not { Length: > 0 }) error = "请先勾选要复核的报告";
        else if (string.IsNullOrWhiteSpace(rule) || ReviewStatuses.Parse(status) is not { } s) error = "请选择规则和复核结论";
        else
        {
            try
            {
                var n = store.ReviewRule(ids, rule, s, reason, User.Identity!.Name!);
                return Redirect($"/?{query}{(query.Length > 0 ? "&" : "")}reviewed={n}");
            }
            catch (StoreException e)
            {
                error = e.Message;
            }
        }
        Load(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
        Message = error;
        MessageIsError = true;
        return Page();
    }

    private void Load(Microsoft.AspNetCore.Http.IQueryCollection? from = null)
    {
        Query = ListQuery.From(from ?? Request.Query);
        Rows = Query.Apply(store.List(Query.Filter));
        Years = store.Years();
    }
}
