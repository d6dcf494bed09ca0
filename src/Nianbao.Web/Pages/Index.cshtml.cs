using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Web.Presentation;

namespace Nianbao.Web.Pages;

public sealed class IndexModel(ReportStore store) : PageModel
{
    public ListQuery Query { get; private set; } = null!;
    public IReadOnlyList<ReportListing> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<RuleDef> Rules { get; } = TemplateCatalog.Default.Rules.Rules;

    public void OnGet()
    {
        Query = ListQuery.From(Request.Query);
        Rows = Query.Apply(store.List(Query.Filter));
        Years = store.Years();
    }
}
