using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>A generated report as the model the renderers take, with the narrative sections a real report has.</summary>
public static class GeneratedReports
{
    /// <param name="cells">Values to print instead of the generated ones (a deliberately inconsistent report).</param>
    /// <param name="sectionOne">The text of section 一 (default: a typical opening).</param>
    public static AnnualReport ToReport(this GeneratedReport r, IReadOnlyDictionary<string, decimal>? cells = null, string? sectionOne = null)
    {
        var text = TemplateCatalog.Default.Text;
        return new AnnualReport
        {
            Edition = r.Edition,
            TitleAgency = r.Agency,
            SignatureAgency = r.Agency,
            Year = r.Year,
            Published = r.Published,
            Cells = r.Template.Cells.ToDictionary(c => c.Key,
                c => new CellValue(cells?.GetValueOrDefault(c.Key, r.Cells[c.Key]) ?? r.Cells[c.Key],
                    r.Blank.Contains(c.Key) ? CellStatus.Blank : CellStatus.Read)),
            Sections =
            [
                new SectionText(1, text.Section(1).Heading, 0,
                    sectionOne ?? $"{r.Year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开情况。依法依规做好主动公开工作。"),
                new SectionText(5, text.Section(5).Heading, 0, "一是信息公开的及时性有待提高；二是公开内容还不够丰富。"),
                new SectionText(6, text.Section(6).Heading, 0, "本年度未收取信息处理费。"),
            ],
        };
    }
}
