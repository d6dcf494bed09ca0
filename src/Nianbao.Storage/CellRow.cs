using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>A stored cell as Dapper reads it; the status uses the names of <c>parse --json</c>'s provenance.</summary>
internal sealed class CellRow
{
    public string Key { get; set; } = "";
    public object? Value { get; set; }
    public string Status { get; set; } = "";
    public string? Unit { get; set; }
    public string? Method { get; set; }
    public int? Line { get; set; }
    public int? Col { get; set; }
    public string? Raw { get; set; }
    public string? Locator { get; set; }

    public const string Columns = "key, value, status, unit, method, line, col, raw, locator";

    public static CellStatus ParseStatus(string s) => s switch
    {
        "read" => CellStatus.Read,
        "resolved" => CellStatus.Resolved,
        "blank" => CellStatus.Blank,
        "corrected" => CellStatus.Corrected,
        _ => CellStatus.Unreadable,
    };

    public CellValue ToCell() => new(Dialect.ReadDecimal(Value), ParseStatus(Status),
        Method is null ? null : new Provenance(Method, Line ?? 0, Col ?? 0, Raw, Locator), Unit);
}
