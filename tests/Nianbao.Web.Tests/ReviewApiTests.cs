using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nianbao.Storage;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>The review API for scripts: token writes, refused without a reviewer or (for a cookie) without the antiforgery token.</summary>
public sealed class ReviewApiTests
{
    [Fact]
    public async Task A_script_reviews_findings_with_a_token_and_nobody_else_can()
    {
        await using var app = await RunningApp.StartAsync();
        new IngestRunner(app.Store).Run(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt"));
        var ids = app.Store.List(new ReportFilter(Rule: "DOC.H6")).Select(l => l.Id).ToList();
        var id = ids[0];

        // Anyone may read (reading is open by default); nobody anonymous may write.
        var anonymous = app.Client();
        var list = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/reports/{id}/reviews")).RootElement;
        var h6 = list.EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "DOC.H6");
        Assert.Equal("pending", h6.GetProperty("status").GetString());
        var body = new { finding = h6.GetProperty("fingerprint").GetString(), status = "confirmed" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/reports/{id}/reviews", body)).StatusCode);

        // A signed-in browser session without the antiforgery token is refused.
        var session = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostAsJsonAsync($"/api/reports/{id}/reviews", body)).StatusCode);

        var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var dismissNoReason = await script.PostAsJsonAsync($"/api/reports/{id}/reviews", new { finding = body.finding, status = "dismissed" });
        Assert.Equal(HttpStatusCode.BadRequest, dismissNoReason.StatusCode);
        Assert.Contains("必须说明理由", await dismissNoReason.Content.ReadAsStringAsync());
        var confirmed = JsonDocument.Parse(await (await script.PostAsJsonAsync($"/api/reports/{id}/reviews", body)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("confirmed", "确认问题", RunningApp.ReviewerName), (confirmed.GetProperty("status").GetString(),
            confirmed.GetProperty("statusLabel").GetString(), confirmed.GetProperty("reviewedBy").GetString()));

        var bulk = await script.PostAsJsonAsync("/api/reviews", new { reports = ids, rule = "DOC.H6", status = "dismissed", reason = "附件中有" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await bulk.Content.ReadAsStringAsync()).RootElement.GetProperty("changed").GetInt32());
        Assert.Empty(app.Store.List(new ReportFilter(Rule: "DOC.H6")));
        Assert.Equal(2, app.Store.ReviewLog(id).Count);
    }
}
