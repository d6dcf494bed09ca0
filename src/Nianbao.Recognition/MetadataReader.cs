using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Template;
using Nianbao.Reading;

namespace Nianbao.Recognition;

/// <summary>Who published the report, for which year, and when (domain.md §2.3, §11.2).</summary>
internal sealed record ReportMetadata(string? Title, string? TitleAgency, int? TitleYear, string? SignatureAgency,
    DateOnly? SignatureDate, DateOnly? StatedDate, int? PeriodYear, int? NarrativeYear)
{
    public DateOnly? Published => SignatureDate ?? StatedDate;

    /// <summary>Title year, else the statistics period, else the first year the overview names, else the year before publication.</summary>
    public int? Year => TitleYear ?? PeriodYear ?? NarrativeYear ?? (Published?.Year - 1);
}

/// <summary>Reads title, signature, statistics period and dates from the raw lines.</summary>
internal static partial class MetadataReader
{
    private static readonly TemplateText Text = TemplateCatalog.Default.Text;
    private static readonly Regex TitleRegex = BuildTitleRegex();
    private static readonly string[] Suffixes = Text.AgencySuffixes.OrderByDescending(s => s.Length).ToArray();

    [GeneratedRegex(@"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"((?:19|20)\d{2})\s*年")]
    private static partial Regex YearMention();

    private static Regex BuildTitleRegex()
    {
        var phrases = string.Join("|", Text.TitlePhrases.Select(Regex.Escape));
        // Interpreted: the phrases are data, and compiling emits IL at start-up that a run of a few files never wins back.
        return new Regex(@"^(?<pre>.*?)(?<year>(?:19|20)\d{2})\s*年\s*度?(?<post>.*?)(?:" + phrases + ")");
    }

    /// <param name="lines">The decoded lines (index 0 = line 1).</param>
    /// <param name="headEnd">Line (1-based) of the first section heading: the title is above it.</param>
    /// <param name="tailStart">Line (1-based) where the last section starts: the signature is below it.</param>
    /// <param name="stated">Title and date the format states outside the text (HTML meta): taken before the lines.</param>
    public static ReportMetadata Read(IReadOnlyList<string> lines, int headEnd, int tailStart, string overview, DocumentMetadata? stated = null)
    {
        var (title, titleAgency, titleYear) = (null as string, null as string, null as int?);
        if (stated?.Title is { } statedTitle) (title, titleAgency, titleYear) = ReadTitle([statedTitle], 2);
        if (title is null) (title, titleAgency, titleYear) = ReadTitle(lines, headEnd);
        var (sigAgency, sigDate) = ReadSignature(lines, tailStart, titleAgency);
        var full = string.Join("\n", lines);
        var statedDate = stated?.Published is { } p && AnyDate().Match(p) is { Success: true } m ? ToDate(m) : null;
        return new ReportMetadata(title, titleAgency, titleYear, sigAgency, sigDate, statedDate ?? ReadStatedDate(lines),
            ReadPeriodYear(full), ReadNarrativeYear(overview));
    }

    private static (string? Title, string? Agency, int? Year) ReadTitle(IReadOnlyList<string> lines, int headEnd)
    {
        int limit = Math.Min(lines.Count, Math.Max(headEnd - 1, 0) is 0 ? 40 : headEnd);
        for (int i = 0; i < limit; i++)
        {
            var first = Squash(StripMetadataPrefix(lines[i]));
            if (first.Length is 0 or > MaxTitleLength) continue;
            // A title is often broken over lines (…工作 / 年度报告, or …年度报 / 告): the next lines are joined
            // while the match still starts on this one.
            var line = first;
            Match m = MatchTitle(line);
            for (int j = i + 1, joined = 0; !m.Success && j < lines.Count && joined < MaxTitleLines - 1; j++)
            {
                var next = Squash(lines[j]);
                if (next.Length == 0) continue;
                line += next;
                joined++;
                if (line.Length > MaxTitleLength) break;
                m = MatchTitle(line);
                if (m.Success && m.Groups["year"].Index >= first.Length) m = Match.Empty;
            }
            if (!m.Success) continue;
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var agency = CleanAgency(m.Groups["pre"].Value);
            if (agency is null && m.Groups["pre"].Value.Length == 0) agency = CleanAgency(m.Groups["post"].Value);
            var title = line[..(m.Index + m.Length)];
            if (agency is null)
            {
                // Agency on the line above: 鹤岗市营商环境建设监督局 / 2020年度政府信息公开工作年度报告.
                var prev = PreviousNonEmpty(lines, i);
                if (prev is not null && LooksLikeAgency(prev)) { agency = prev; title = prev + title; }
            }
            return (title, agency, year);
        }
        return (null, null, null);
    }

    /// <summary>A title printed over more lines than this is body text.</summary>
    private const int MaxTitleLines = 3;

    private static (string? Agency, DateOnly? Date) ReadSignature(IReadOnlyList<string> lines, int tailStart, string? titleAgency)
    {
        int from = Math.Max(0, Math.Min(tailStart - 1, lines.Count - 1));
        for (int i = lines.Count - 1; i >= from; i--)
        {
            var raw = lines[i].Length > MaxSignatureScan ? lines[i][^MaxSignatureScan..] : lines[i];
            var matches = ChineseDate().Matches(raw);
            for (int k = matches.Count - 1; k >= 0; k--)
            {
                var m = matches[k];
                var before = Squash(raw[..m.Index]);
                // The date stands alone, or right after the agency name (flattened pages).
                var agencyHere = AgencyAtEnd(raw[..m.Index]);
                var rest = Squash(raw[(m.Index + m.Length)..]);
                // "XX办公室 2021年1月26日印发" is the document's issue note (版记), not its signature.
                if (rest.StartsWith(IssueNote, StringComparison.Ordinal)) continue;
                bool alone = before.Length == 0 && rest.Length <= 2;
                if (!alone && agencyHere is null) continue;
                var date = ToDate(m);
                if (date is null) continue;
                var agency = agencyHere ?? AgencyAbove(lines, i);
                return (StripNothingToReport(agency, titleAgency), date);
            }
        }
        return (null, null);
    }

    private const string IssueNote = "印发";

    /// <summary>A title line is short; longer lines are body text (or a flattened page).</summary>
    private const int MaxTitleLength = 120;

    /// <summary>Only the end of a long line can hold a signature.</summary>
    private const int MaxSignatureScan = 400;

    /// <summary>
    /// Section 六 is often just "无"; on a flattened page it runs into the signature ("无平潭…局"). The
    /// leading word is dropped only when what remains is the title's agency (无锡市… must survive).
    /// </summary>
    private static string? StripNothingToReport(string? agency, string? titleAgency)
    {
        if (agency is null || titleAgency is null) return agency;
        foreach (var word in new[] { "暂无", "无" })
            if (agency.StartsWith(word, StringComparison.Ordinal) && agency[word.Length..] == titleAgency) return titleAgency;
        return agency;
    }

    private static DateOnly? ReadStatedDate(IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Take(60))
        {
            var s = line.Trim();
            foreach (var marker in Text.PublishedMarkers)
            {
                int at = s.IndexOf(marker, StringComparison.Ordinal);
                if (at < 0) continue;
                var m = AnyDate().Match(s, at + marker.Length);
                if (m.Success && m.Index - at - marker.Length <= 3) return ToDate(m);
            }
        }
        return null;
    }

    private static int? ReadPeriodYear(string full)
    {
        int at = full.IndexOf(Text.StatisticsPeriod, StringComparison.Ordinal);
        if (at < 0) return null;
        var m = YearMention().Match(full, at);
        return m.Success && m.Index - at < 40 ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static int? ReadNarrativeYear(string overview)
    {
        var m = YearMention().Match(overview.Length > 400 ? overview[..400] : overview);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static DateOnly? ToDate(Match m)
    {
        int y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }

    private static string? AgencyAbove(IReadOnlyList<string> lines, int i)
    {
        var prev = PreviousNonEmpty(lines, i);
        return prev is not null && LooksLikeAgency(prev) ? prev : null;
    }

    /// <summary>The agency name that ends <paramref name="text"/> (the last white-space-separated word).</summary>
    private static string? AgencyAtEnd(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var last = words[^1];
        return LooksLikeAgency(last) ? last : null;
    }

    private static string? PreviousNonEmpty(IReadOnlyList<string> lines, int i)
    {
        for (int j = i - 1; j >= 0 && j >= i - 3; j--)
        {
            var s = Squash(lines[j]);
            if (s.Length > 0) return s;
        }
        return null;
    }

    private static bool LooksLikeAgency(string s) =>
        s.Length is >= 3 and <= 40 && Suffixes.Any(x => s.EndsWith(x, StringComparison.Ordinal))
        && !s.Any(c => c is '。' or '，' or '；' or '：' or ':' or ',' or '、')
        && BracketsInside(s);

    /// <summary>
    /// Brackets only inside the name and balanced (鹤岗市（经开区）规划局); a leading one is a list number (（一）…).
    /// </summary>
    private static bool BracketsInside(string s)
    {
        if (s[0] is '（' or '(') return false;
        var depth = 0;
        foreach (var c in s)
        {
            if (c is '（' or '(') depth++;
            else if (c is '）' or ')' && --depth < 0) return false;
        }
        return depth == 0;
    }

    private static string? CleanAgency(string s)
    {
        s = s.Trim(' ', '　', '《', '》', '"', '“', '”', ':', '：');
        return LooksLikeAgency(s) ? s : null;
    }

    private static string StripMetadataPrefix(string line)
    {
        var t = line.Trim();
        foreach (var p in Text.MetadataTitlePrefixes)
            if (t.StartsWith(p, StringComparison.Ordinal))
            {
                var rest = t[p.Length..].TrimStart();
                if (rest.StartsWith(':') || rest.StartsWith('：')) return rest[1..];
            }
        return t;
    }

    /// <summary>Removes all white space (titles have stray spaces: <c>2020 年</c>, <c>政府信息公开 工作年度报告</c>).</summary>
    /// <remarks>Full-width digits (<c>２０２０年</c>) become ASCII digits, so years and dates read alike.</remarks>
    private static string Squash(string s)
    {
        int i = 0;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (>= '０' and <= '９')) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (!char.IsWhiteSpace(c)) sb.Append(c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// What every title match contains (a year's 年 and a title phrase), tested before the title regex:
    /// its lazy prefix backtracks over the whole line, and most lines above the first heading are no title.
    /// </summary>
    private static bool MayHoldTitle(string line)
    {
        if (!line.Contains('年', StringComparison.Ordinal)) return false;
        if (Text.TitlePhrases.Count == 0) return true;
        foreach (var phrase in Text.TitlePhrases)
            if (line.Contains(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    private static Match MatchTitle(string line) => MayHoldTitle(line) ? TitleRegex.Match(line) : Match.Empty;
}
