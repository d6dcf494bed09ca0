namespace Nianbao.Template;

/// <summary>How a cell's value was obtained; travels with the value to every presentation.</summary>
public enum CellStatus
{
    /// <summary>Printed in the cell and read as is.</summary>
    Read,

    /// <summary>The layout allowed several readings; the template's arithmetic left exactly one.</summary>
    Resolved,

    /// <summary>The cell was blank (or <c>-</c>, <c>/</c>, <c>无</c>) and counts as 0.</summary>
    Blank,

    /// <summary>Could not be read; the value is null and a finding says why.</summary>
    Unreadable,

    /// <summary>Set by a reviewer's correction (kept with reason and time in the store).</summary>
    Corrected,
}

/// <summary>Where something came from in the source: line and column (1-based) of the text the reader saw.</summary>
/// <param name="Method">The reader or strategy that produced it (e.g. <c>text</c>, <c>text-grid</c>).</param>
/// <param name="Raw">The source text the value was read from, when it helps a reviewer.</param>
/// <param name="At">The place in the original file when it is not plain text (page, box, table, row, column), typed.</param>
public sealed record Provenance(string Method, int Line, int Column, string? Raw = null, CellLocation? At = null)
{
    /// <summary>A reviewer's correction: the reason given.</summary>
    public string? Reason { get; init; }

    /// <summary>A regional summary: how many agencies' reports were added.</summary>
    public int? Agencies { get; init; }

    /// <summary>A version stored before locations were typed: the sentence it kept.</summary>
    public string? Stored { get; init; }

    /// <summary>Where, in words for people (<see cref="ProvenanceText"/>).</summary>
    public string? Where => ProvenanceText.Where(this);
}

/// <summary>A cell's value with its status, unit and origin.</summary>
public sealed record CellValue(decimal? Value, CellStatus Status, Provenance? Source = null, string? Unit = null)
{
    public static CellValue Unreadable(Provenance? source = null) => new(null, CellStatus.Unreadable, source);
}

/// <summary>One of the six sections as found in the report.</summary>
/// <param name="Number">1–6 (template numbering), by its title, not by the number printed.</param>
/// <param name="Heading">The heading as printed.</param>
/// <param name="Line">1-based line of the heading.</param>
/// <param name="Text">The section's text after the heading, tables included.</param>
public sealed record SectionText(int Number, string Heading, int Line, string Text);

/// <summary>A report recognised against the template: its identity, its sections and every cell of its edition.</summary>
public sealed record AnnualReport
{
    public required Edition? Edition { get; init; }

    /// <summary>The agency as the title gives it, else as the signature gives it.</summary>
    /// <summary>
    /// The title's agency, else the signature's; the signature's when the title's is only its end (a title broken
    /// after the place name, 沭阳县发展 / 和改革局…, leaves 和改革局): the fuller name is the agency's.
    /// </summary>
    public string? Agency => TitleAgency is { } t && SignatureAgency is { } s && s.Length > t.Length && s.EndsWith(t, StringComparison.Ordinal)
        ? s : TitleAgency ?? SignatureAgency;

    public string? Title { get; init; }
    public string? TitleAgency { get; init; }
    public string? SignatureAgency { get; init; }

    /// <summary>The year reported on.</summary>
    public int? Year { get; init; }

    public int? TitleYear { get; init; }
    public int? PeriodYear { get; init; }

    /// <summary>The date the report states (signature date, else a stated publication date).</summary>
    public DateOnly? Published { get; init; }

    public IReadOnlyList<SectionText> Sections { get; init; } = [];

    /// <summary>Every cell key of the edition, in template order.</summary>
    public IReadOnlyDictionary<string, CellValue> Cells { get; init; } = new Dictionary<string, CellValue>();

    /// <summary>The full text, for narrative checks (W2).</summary>
    public string FullText { get; init; } = "";

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The value of a cell, or null when unknown or absent.</summary>
    public decimal? Value(string key) => Cells.TryGetValue(key, out var c) ? c.Value : null;

    public SectionText? Section(int number) => Sections.FirstOrDefault(s => s.Number == number);
}
