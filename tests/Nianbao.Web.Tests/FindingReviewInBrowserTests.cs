using Microsoft.Playwright;
using Nianbao.Storage;
using Nianbao.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Nianbao.Web.Tests;

/// <summary>
/// Finding review in a real browser (Debian Chromium through Playwright): confirm a finding, dismiss one (refused
/// without a reason), dismiss a rule in bulk from the list, see the counts follow and come back with 显示已排除, and
/// find every status still there after the report is ingested again; then a version diff and a batch rollback.
/// </summary>
public sealed class FindingReviewInBrowserTests
{
    [Fact]
    public async Task A_reviewer_confirms_dismisses_and_bulk_dismisses_and_the_statuses_survive_a_reingest()
    {
        await using var app = await RunningApp.StartAsync();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().ToList();
        new IngestRunner(app.Store).Run(samples);
        var id = app.Store.Find("鹤岗营商环境建设监督局", 2020)!.Listing.Id;
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        await page.GotoAsync(app.BaseUrl + "/account/login");
        await page.FillAsync("#login-name", RunningApp.ReviewerName);
        await page.FillAsync("#login-password", RunningApp.ReviewerPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(RunningApp.ReviewerName);

        // The list before any review.
        await page.GotoAsync(app.BaseUrl + "/");
        var errorsBefore = app.Store.List(new ReportFilter()).Count(r => r.Errors + r.CrossErrors > 0);
        await Expect(page.Locator("#count-errors")).ToHaveTextAsync(errorsBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Confirm the title/signature mismatch.
        await page.GotoAsync($"{app.BaseUrl}/reports/{id}");
        var w13 = page.Locator("#findings tbody tr[data-rule='DOC.W13']");
        await Expect(w13.Locator(".review-status")).ToHaveTextAsync("待复核");
        await w13.Locator(".review-confirm").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("确认问题");
        await Expect(page.Locator("#findings tbody tr[data-rule='DOC.W13'] .review-status")).ToHaveTextAsync("确认问题");

        // Dismiss a heading warning: refused without a reason, accepted with one; it leaves the page's list.
        var e3 = page.Locator("#findings tbody tr[data-rule='DOC.E3']").First;
        var fingerprint = await e3.GetAttributeAsync("data-fingerprint");
        await e3.Locator(".review-dismiss").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));
        await Expect(page.Locator("#message")).ToContainTextAsync("必须说明理由");
        await Expect(page.Locator($"#findings tr[data-fingerprint='{fingerprint}'] .review-status")).ToHaveTextAsync("待复核");
        var row = page.Locator($"#findings tr[data-fingerprint='{fingerprint}']");
        await row.Locator(".review-reason").FillAsync("编号写法不影响阅读，不作为问题");
        await row.Locator(".review-dismiss").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("不是问题");
        await Expect(page.Locator($"#findings tr[data-fingerprint='{fingerprint}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dismissed-count")).ToHaveTextAsync("1");
        await page.ClickAsync("#toggle-dismissed");
        await Expect(page.Locator($"#findings tr[data-fingerprint='{fingerprint}'] .review-status")).ToContainTextAsync("不是问题");
        await Expect(page.Locator($"#findings tr[data-fingerprint='{fingerprint}'] .review-status")).ToContainTextAsync("编号写法不影响阅读");
        await Expect(page.Locator("#review-log tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#review-log")).ToContainTextAsync(RunningApp.ReviewerName);
        await Browser.Screenshot(page, "review-1-report");

        // Bulk: the missing section 六 (DOC.H6) is dismissed in both reports that lack it, with one reason.
        await page.GotoAsync(app.BaseUrl + "/?rule=DOC.H6");
        var h6Rows = page.Locator("#reports tbody tr");
        await Expect(h6Rows).ToHaveCountAsync(2);
        await page.Locator(".bulk-select").First.CheckAsync();
        await page.Locator(".bulk-select").Last.CheckAsync();
        await page.FillAsync("#bulk-reason", "第六部分以附件形式另行公开");
        await page.ClickAsync("#bulk-dismiss");
        await Expect(page.Locator("#message")).ToContainTextAsync("已复核 2 条问题");
        await Expect(h6Rows).ToHaveCountAsync(0);
        await Browser.Screenshot(page, "review-2-bulk");

        // The counts follow, and come back with 显示已排除.
        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page.Locator("#count-errors")).ToHaveTextAsync((errorsBefore - 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckAsync("#f-dismissed");
        await page.ClickAsync("#f-apply");
        await Expect(page.Locator("#count-errors")).ToHaveTextAsync(errorsBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GotoAsync(app.BaseUrl + "/?status=confirmed");
        await Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#reports tbody tr[data-report='{id}']")).ToHaveCountAsync(1);

        // The same report ingested again (other bytes): a new version, every status where it was.
        var copy = Path.Combine(Path.GetTempPath(), $"reingest-{Guid.NewGuid():N}.txt");
        File.WriteAllText(copy, File.ReadAllText(samples.Single(s => s.EndsWith("001_adb888ebb0553f89.txt", StringComparison.Ordinal))) + "\n");
        Assert.Equal(IngestOutcome.Stored, Assert.Single(new IngestRunner(app.Store).Run([copy])).Outcome);
        await page.GotoAsync($"{app.BaseUrl}/reports/{id}");
        await Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#findings tbody tr[data-rule='DOC.W13'] .review-status")).ToHaveTextAsync("确认问题");
        await Expect(page.Locator($"#findings tr[data-fingerprint='{fingerprint}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#findings tbody tr[data-rule='DOC.H6']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dismissed-count")).ToHaveTextAsync("2");
        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page.Locator("#count-errors")).ToHaveTextAsync((errorsBefore - 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(scriptErrors);
        File.Delete(copy);
    }

    [Fact]
    public async Task A_version_diff_is_linked_from_the_versions_and_an_uploader_rolls_a_batch_back()
    {
        await using var app = await RunningApp.StartAsync();
        var sample = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "003_*.txt").Single();
        new IngestRunner(app.Store).Run([sample]);
        var id = app.Store.Find("鹤岗市科学技术局", 2020)!.Listing.Id;
        var granted = app.Store.Get(id)!.Report.Value("t3.granted.total")!.Value;
        app.Store.Apply(id, "t3.granted.total", granted + 3, "核对原件", RunningApp.ReviewerName);
        // A second reading of it, uploaded by the reviewer as a batch of its own.
        var copy = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.txt");
        File.WriteAllText(copy, File.ReadAllText(sample) + "\n\n");
        var upload = new IngestRunner(app.Store) { Origin = Batches.Web, User = RunningApp.ReviewerName, KeepFailedOriginals = true };
        upload.Run([copy], sourceName: _ => "重新上传.txt");
        var batch = upload.BatchId!.Value;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/reports/{id}");
        await page.ClickAsync("#versions a:text-is('与第 1 版比较')");
        await Expect(page.Locator("#diff-cells tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#diff-cells tbody tr[data-key='t3.granted.total'] .old")).ToHaveTextAsync(granted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#diff-cells tbody tr[data-key='t3.granted.total'] .new")).ToHaveTextAsync((granted + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#diff-added tr")).Not.ToHaveCountAsync(0);
        await Browser.Screenshot(page, "review-3-diff");

        // Batches are for reviewers; the uploader rolls this one back (a reason is required by the form).
        await page.GotoAsync(app.BaseUrl + "/batches");
        Assert.Contains("/account/login", page.Url);
        await page.FillAsync("#login-name", RunningApp.ReviewerName);
        await page.FillAsync("#login-password", RunningApp.ReviewerPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator($"#batches tr[data-batch='{batch}']")).ToContainTextAsync("网页上传");
        await page.ClickAsync($"#batches tr[data-batch='{batch}'] a");
        await Expect(page.Locator("#batch-files")).ToContainTextAsync("重新上传.txt");
        await page.FillAsync("#rollback-reason", "重复上传");
        await page.ClickAsync("#rollback-submit");
        await Expect(page.Locator("#message")).ToContainTextAsync("已回滚");
        await Expect(page.Locator("#batch-status")).ToHaveTextAsync("已回滚");
        await Expect(page.Locator("#rollback-facts")).ToContainTextAsync("重复上传");
        var after = app.Store.Get(id)!;
        Assert.Equal((2, "corrected"), (after.Listing.Version, after.Listing.Kind));
        Assert.Equal(batch, after.Versions.Single(v => v.Number == 3).WithdrawnByBatch);
        File.Delete(copy);
    }
}
