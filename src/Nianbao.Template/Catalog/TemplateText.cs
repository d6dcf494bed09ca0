using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>One of the six sections (domain.md §2.1).</summary>
public sealed record SectionDef(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("variants")] IReadOnlyList<string> Variants)
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>The Chinese numeral of the section (一 … 六).</summary>
    public string Numeral => Numerals[Number - 1];

    /// <summary>The heading as the template prints it: <c>二、主动公开政府信息情况</c>.</summary>
    public string Heading => Numeral + "、" + Title;

    public static string NumeralOf(int n) => n >= 1 && n <= Numerals.Length ? Numerals[n - 1] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1 for 一 … 10 for 十, or 0.</summary>
    public static int ValueOfNumeral(string s) => Array.IndexOf(Numerals, s) + 1;
}

/// <summary>The template's non-cell labels and the phrase lists used around the tables (Data/template.json).</summary>
public sealed record TemplateText
{
    [JsonPropertyName("sections")] public required IReadOnlyList<SectionDef> Sections { get; init; }
    [JsonPropertyName("renderHeadings")] public required RenderHeadings RenderHeadings { get; init; }
    [JsonPropertyName("tableNotes")] public required IReadOnlyDictionary<string, IReadOnlyList<string>> TableNotes { get; init; }
    [JsonPropertyName("rowVariants")] public required IReadOnlyDictionary<string, IReadOnlyList<string>> RowVariants { get; init; }
    [JsonPropertyName("columnVariants")] public required IReadOnlyDictionary<string, IReadOnlyList<string>> ColumnVariants { get; init; }
    [JsonPropertyName("titlePhrases")] public required IReadOnlyList<string> TitlePhrases { get; init; }
    [JsonPropertyName("regionMarkers")] public required IReadOnlyList<string> RegionMarkers { get; init; }
    [JsonPropertyName("agencySuffixes")] public required IReadOnlyList<string> AgencySuffixes { get; init; }
    [JsonPropertyName("signaturePrefixes")] public required IReadOnlyList<string> MetadataTitlePrefixes { get; init; }
    [JsonPropertyName("governmentSuffixes")] public required IReadOnlyList<string> GovernmentSuffixes { get; init; }
    [JsonPropertyName("townshipSuffixes")] public required IReadOnlyList<string> TownshipSuffixes { get; init; }
    [JsonPropertyName("deadlines")] public required IReadOnlyDictionary<string, string> Deadlines { get; init; }
    [JsonPropertyName("preTemplateMarkers")] public required IReadOnlyList<string> PreTemplateMarkers { get; init; }
    [JsonPropertyName("statisticsPeriod")] public required string StatisticsPeriod { get; init; }
    [JsonPropertyName("publishedMarkers")] public required IReadOnlyList<string> PublishedMarkers { get; init; }
    [JsonPropertyName("blankMarkers")] public required IReadOnlyList<string> BlankMarkers { get; init; }
    [JsonPropertyName("units")] public required IReadOnlyList<string> Units { get; init; }
    [JsonPropertyName("feeWords")] public required IReadOnlyList<string> FeeWords { get; init; }
    [JsonPropertyName("noApplicationPatterns")] public required IReadOnlyList<string> NoApplicationPatterns { get; init; }
    [JsonPropertyName("receivedCountPatterns")] public required IReadOnlyList<string> ReceivedCountPatterns { get; init; }
    [JsonPropertyName("noReviewPatterns")] public required IReadOnlyList<string> NoReviewPatterns { get; init; }
    [JsonPropertyName("pageFurniture")] public required IReadOnlyList<string> PageFurniture { get; init; }
    [JsonPropertyName("inlineArtefacts")] public required IReadOnlyList<string> InlineArtefacts { get; init; }

    public SectionDef Section(int number) => Sections.First(s => s.Number == number);
}

/// <summary>What a renderer prints besides the cells' own labels (Data/template.json "renderHeadings").</summary>
public sealed record RenderHeadings(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("table3Note")] string Table3Note,
    [property: JsonPropertyName("applicants")] string Applicants,
    [property: JsonPropertyName("reportTitle")] string ReportTitle,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("appendix")] string Appendix,
    [property: JsonPropertyName("included")] string Included,
    [property: JsonPropertyName("missing")] string Missing,
    [property: JsonPropertyName("excluded")] string Excluded,
    [property: JsonPropertyName("figures")] string Figures,
    [property: JsonPropertyName("chartOutcomes")] string ChartOutcomes,
    [property: JsonPropertyName("chartApplicants")] string ChartApplicants,
    [property: JsonPropertyName("chartTrend")] string ChartTrend,
    [property: JsonPropertyName("yearLabel")] string YearLabel)
{
    /// <summary>A list line of the summary appendix: <c>{count}</c> and <c>{agencies}</c> filled in.</summary>
    public static string Fill(string template, IReadOnlyCollection<string> agencies) =>
        template.Replace("{count}", agencies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{agencies}", string.Join("、", agencies), StringComparison.Ordinal);

    public string Title(string agency, int year) => ReportTitle.Replace("{agency}", agency, StringComparison.Ordinal).Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public string FormatDate(DateOnly d) => Date.Replace("{year}", d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{month}", d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{day}", d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
