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
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }

    public IActionResult OnGet(long id, string? corrected)
    {
        if (!Load(id)) return NotFound();
        if (corrected is not null) Message = $"已保存对 {corrected} 的更正，规则已重新检查。";
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

    private IActionResult Error(long id, string message)
    {
        if (!Load(id)) return NotFound();
        Message = message;
        MessageIsError = true;
        return Page();
    }

    private bool Load(long id)
    {
        if (store.Get(id) is not { } stored) return false;
        var version = stored.Listing.VersionId;
        View = ReportView.Build(stored, store.ForVersion(version), store.OriginalFormat(version));
        return true;
    }
}
