namespace Nianbao.Template;

/// <summary>The two national template editions (domain.md §1).</summary>
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

    /// <summary>The edition a report of <paramref name="year"/> is expected to use (domain.md §1).</summary>
    public static Edition ExpectedFor(int year) => year >= 2021 ? Edition.E2021 : Edition.E2019;
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
