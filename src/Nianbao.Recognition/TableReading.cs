using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A template row as found in the stream: its label and the tokens that followed it.</summary>
internal sealed class RowReading(RowDef def)
{
    public RowDef Def { get; } = def;
    public LabelMatch? Label { get; set; }

    /// <summary>Physical rows the label spans; tokens on them are anchored to this row.</summary>
    public HashSet<int> LabelRows { get; } = [];

    public List<Token> Tokens { get; } = [];

    /// <summary>True when the numbers came from a label-less grid row matched to this row by template order (<see cref="DetachedGridRows"/>).</summary>
    public bool Detached { get; set; }

    public bool Found => Label is not null || Def.Label.Length == 0;

    public string Raw => string.Join(" ", Tokens.Select(t => t.Blank ? (t.Raw.Length > 0 ? t.Raw : "空") : t.Text + t.Unit));
}

/// <summary>A template block as found: its rows, and numbers that sat between its header and its first row.</summary>
internal sealed class BlockReading(BlockDef def)
{
    public BlockDef Def { get; } = def;
    public List<RowReading> Rows { get; } = [];
    public List<Token> PreTokens { get; } = [];
    public IEnumerable<CellDef> Cells => Def.Cells;
}
