using System.Net;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>
/// The report page's form for a report whose agency could not be recognised (机关待确认), over real HTTP: listed as
/// pending, the reviewer sets the agency, the page then shows it filed under that agency with the change in its history.
/// </summary>
public sealed class IdentityFormTests
{
    [Fact]
    public async Task A_reviewer_sets_the_agency_of_a_pending_report_on_its_page()
    {
        await using var app = await RunningApp.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-identity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "no_agency.txt");
        var report = ReportGenerator.Generate(21, Edition.E2021) with { Agency = "", Year = 2023, Published = new DateOnly(2024, 1, 20) };
        await File.WriteAllTextAsync(path, Layouts.Render(report, Layout.TabGrid, 0));
        var id = Assert.Single(new IngestRunner(app.Store).Run([path])).ReportId!.Value;

        using var anonymous = app.Client();
        var list = await anonymous.GetStringAsync("/");
        Assert.Contains(Identities.PendingAgency, list);
        var page = await anonymous.GetStringAsync($"/reports/{id}");
        Assert.Contains("id=\"identity-pending\"", page);
        Assert.DoesNotContain("id=\"identity-form\"", page); // not signed in: no form

        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        Assert.Contains("id=\"identity-form\"", await reviewer.GetStringAsync($"/reports/{id}"));
        var token = await RunningApp.AntiforgeryToken(reviewer, $"/reports/{id}");
        var posted = await reviewer.PostAsync($"/reports/{id}?handler=Identity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["agency"] = "大庆市林业局", ["year"] = "2023", ["reason"] = "来函确认", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = await reviewer.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("大庆市林业局", shown);
        Assert.Contains("id=\"identity-corrections\"", shown);
        Assert.Contains("来函确认", shown);
        Assert.DoesNotContain("id=\"identity-pending\"", shown);
        var stored = app.Store.Get(id)!;
        Assert.Equal(("大庆市林业局", "大庆市", RunningApp.ReviewerName), (stored.Listing.Agency, stored.Listing.Region, stored.IdentityCorrections.Single().CorrectedBy));

        // Without a reason nothing changes and the page says why.
        var refused = await reviewer.PostAsync($"/reports/{id}?handler=Identity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["agency"] = "大庆市农业局", ["year"] = "2023", ["reason"] = "", ["__RequestVerificationToken"] = await RunningApp.AntiforgeryToken(reviewer, $"/reports/{id}"),
        }));
        Assert.Contains("更正必须说明理由", await refused.Content.ReadAsStringAsync());
        Assert.Equal("大庆市林业局", app.Store.Get(id)!.Listing.Agency);
    }
}
