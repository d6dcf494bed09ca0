using System.Text.RegularExpressions;
using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// Text as other tools extract it. Running text becomes lines; a run of tab-indented lines (Word's
/// "one cell per line" export, blank line between rows) or tab-separated lines becomes a grid, so the
/// cell structure the source states is not thrown away. Page furniture (page numbers) and Word
/// artefacts (<c>[bookmark: _GoBack]</c>) are blanked, keeping line numbers stable.
/// </summary>
public sealed class PlainTextReader : IDocumentReader
{
    public static readonly PlainTextReader Instance = new();

    public FileFormat Format => FileFormat.Text;

    /// <summary>Any text the readers before it did not take.</summary>
    public bool Accepts(DocumentInput input) => input.Text is not null;

    public ReadResult Read(DocumentInput input) =>
        ReadResult.Ok(Read(input.Text!.Text, input.Text.Encoding, input.Text.Confidence));

    private readonly Regex[] _furniture;
    private readonly Regex[] _artefacts;

    private PlainTextReader()
    {
        var text = TemplateCatalog.Default.Text;
        // Interpreted: the patterns are data (not [GeneratedRegex]), and RegexOptions.Compiled emitted IL at every
        // start-up; they are anchored or rare, so the interpreter costs little per line.
        _furniture = text.PageFurniture.Select(p => new Regex(p)).ToArray();
        _artefacts = text.InlineArtefacts.Select(p => new Regex(p)).ToArray();
    }

    public LayoutDocument Read(string text, string encoding, EncodingConfidence confidence)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++) lines[i] = Clean(lines[i]);

        var blocks = new List<LayoutBlock>();
        var aligned = Aligned.AlignedTables.Find(lines);
        bool anyGrid = false, anyAligned = aligned.Count > 0;
        int n = 0;
        while (n < lines.Length)
        {
            if (aligned.TryGetValue(n, out var stream))
            {
                blocks.Add(stream.Table);
                n = stream.Next;
            }
            else if (IsCellLine(lines[n]))
            {
                var (table, next) = ReadGrid(lines, n);
                blocks.Add(table);
                anyGrid = true;
                n = next;
            }
            else
            {
                blocks.Add(new LayoutLine(lines[n], n + 1));
                n++;
            }
        }
        return new LayoutDocument(FileFormat.Text, encoding, confidence, anyAligned ? "text-aligned" : anyGrid ? "text-grid" : "text", blocks, string.Join('\n', lines));
    }

    private string Clean(string line)
    {
        // Cheap guards first: this runs on every line of every report.
        if (line.Contains('[', StringComparison.Ordinal)) foreach (var a in _artefacts) line = a.Replace(line, "");
        if (line.Contains('页', StringComparison.Ordinal) && line.Length < 40)
        {
            var trimmed = line.Trim();
            foreach (var f in _furniture)
                if (f.IsMatch(trimmed)) return "";
        }
        return line;
    }

    /// <summary>A grid cell line: starts with a tab, or carries two or more tab-separated fields.</summary>
    private static bool IsCellLine(string line) =>
        line.StartsWith('\t') || (line.Contains('\t', StringComparison.Ordinal) && line.Trim().Split('\t').Length >= 2);

    private static (LayoutTable Table, int Next) ReadGrid(string[] lines, int start)
    {
        var rows = new List<LayoutRow>();
        var cells = new List<LayoutCell>();
        int rowLine = start + 1;
        int n = start;
        for (; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Trim().Length == 0 && !line.Contains('\t', StringComparison.Ordinal))
            {
                // A blank line ends a row; two blank lines or a non-cell line end the grid.
                Flush();
                if (n + 1 >= lines.Length || !IsCellLine(lines[n + 1])) { n++; break; }
                continue;
            }
            if (!IsCellLine(line)) break;
            if (cells.Count == 0) rowLine = n + 1;
            var content = line.StartsWith('\t') ? line[1..] : line;
            int col = line.StartsWith('\t') ? 2 : 1;
            foreach (var field in content.Split('\t'))
            {
                cells.Add(new LayoutCell(field.Trim(), n + 1, col));
                col += field.Length + 1;
            }
            // One field per line is Word's cell-per-line export; several fields per line is a row per line.
            if (!line.StartsWith('\t') || content.Contains('\t', StringComparison.Ordinal)) Flush();
        }
        Flush();
        return (new LayoutTable(rows, start + 1), n);

        void Flush()
        {
            if (cells.Count > 0) rows.Add(new LayoutRow(cells.ToList(), rowLine));
            cells.Clear();
        }
    }
}
