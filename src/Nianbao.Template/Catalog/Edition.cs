using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>
/// A national template edition, identified by the year it was issued (its code in cells.tsv and the JSON contract).
/// Which editions exist is data (Data/editions.json, <see cref="EditionInfo"/>); the named members are the editions
/// whose own rules the code names. An edition added in the data is <c>(Edition)code</c>.
/// </summary>
public enum Edition
{
    /// <summary>格式（试行）, 国办公开办函〔2019〕60号: the 2019 and 2020 reports.</summary>
    E2019 = 2019,

    /// <summary>格式, 国办公开办函〔2021〕30号: the 2021 reports on.</summary>
    E2021 = 2021,
}

public static class EditionExtensions
{
    /// <summary>The code used in cells.tsv and the JSON contract: "2019" or "2021".</summary>
    public static string Code(this Edition edition) => ((int)edition).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One edition as Data/editions.json describes it.</summary>
public sealed record EditionInfo
{
    /// <summary>The year the edition was issued: its code.</summary>
    [JsonPropertyName("code")] public required int Code { get; init; }

    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The notice that issued it.</summary>
    [JsonPropertyName("basis")] public required string Basis { get; init; }

    /// <summary>The first report year it applies to; it applies until the next edition's first year.</summary>
    [JsonPropertyName("firstYear")] public required int FirstYear { get; init; }

    /// <summary>Report years in which the edition was encouraged, not required (another edition is then a warning).</summary>
    [JsonPropertyName("encouragedOnlyIn")] public IReadOnlyList<int> EncouragedOnlyIn { get; init; } = [];

    /// <summary>The values of cells.tsv's <c>editions</c> column whose rows this edition has.</summary>
    [JsonPropertyName("cells")] public required IReadOnlyList<string> CellTags { get; init; }

    /// <summary>Words only this edition prints in its tables.</summary>
    [JsonPropertyName("fingerprints")] public required IReadOnlyList<string> Fingerprints { get; init; }

    /// <summary>Cross-year rules (rules.json ids) that hold between two consecutive reports of this edition.</summary>
    [JsonPropertyName("continuity")] public IReadOnlyList<string> Continuity { get; init; } = [];

    [JsonIgnore] public Edition Edition => (Edition)Code;
}

/// <summary>What a cell holds (cells.tsv column <c>type</c>).</summary>
public enum CellType
{
    /// <summary>A non-negative integer.</summary>
    Count,

    /// <summary>A signed integer (2019 <c>本年增/减</c>).</summary>
    Signed,

    /// <summary>A non-negative decimal, printed with or without a unit.</summary>
    Amount,
}
