using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;

namespace Nianbao.Web.Pages.Batches;

/// <summary>One batch with its files; its uploader or an administrator may retry its failed files or roll it back.</summary>
public sealed class ShowModel(ReportStore store) : PageModel
{
    public BatchListing Batch { get; private set; } = null!;
    public IReadOnlyList<BatchFileListing> Files { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }

    /// <summary>Administrators, and the reviewer who ran the batch.</summary>
    public bool CanManage => User.IsInRole(UserRoles.Admin) ||
                             (User.IsInRole(UserRoles.Reviewer) && string.Equals(User.Identity?.Name, Batch.CreatedBy, StringComparison.OrdinalIgnoreCase));

    public IActionResult OnGet(long id, bool rolledBack = false, long? retried = null)
    {
        if (!Load(id)) return NotFound();
        if (rolledBack) Message = "已回滚：此批次入库的版本已作废，相关报告已恢复此前的当前版本，跨年核对已重新进行。";
        if (retried is { } r) Message = $"已重试失败的文件，结果见批次 {r}。";
        return Page();
    }

    public IActionResult OnPostRollback(long id, string? reason)
    {
        if (!Load(id)) return NotFound();
        if (!CanManage) return Forbid();
        try
        {
            store.Rollback(id, reason ?? "", User.Identity!.Name!);
        }
        catch (StoreException e)
        {
            return Error(e.Message);
        }
        return Redirect($"/batches/{id}?rolledBack=true");
    }

    public IActionResult OnPostRetry(long id)
    {
        if (!Load(id)) return NotFound();
        if (!CanManage) return Forbid();
        try
        {
            var r = store.Retry(id, User.Identity!.Name!);
            if (r.BatchId is null) return Error($"失败的文件已不在服务器上，且未保存原件：{string.Join("、", r.Missing)}，请重新上传");
            return Redirect($"/batches/{r.BatchId}?retried={r.BatchId}");
        }
        catch (StoreException e)
        {
            return Error(e.Message);
        }
    }

    private IActionResult Error(string message)
    {
        Load(Batch.Id);
        Message = message;
        MessageIsError = true;
        return Page();
    }

    private bool Load(long id)
    {
        if (store.Batch(id) is not { } batch) return false;
        Batch = batch;
        Files = store.BatchFiles(id);
        return true;
    }
}
