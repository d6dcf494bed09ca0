using System.Text;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>A report reads the same in every encoding and line ending that government sites use.</summary>
public class DecodingTests
{
    private static readonly string Sample = File.ReadAllText(Parse.SamplePath("002_f4cbcc3e5ae112d9.txt"));

    public static TheoryData<string> Encodings() => new() { "utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "gb18030", "gbk-crlf" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Sample_reads_identically_in_every_encoding(string encoding)
    {
        TextDecoder.EnsureCodePages();
        var text = encoding.EndsWith("crlf", StringComparison.Ordinal) ? Sample.Replace("\n", "\r\n", StringComparison.Ordinal) : Sample;
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
            _ => Encoding.GetEncoding("GBK").GetBytes(text),
        };
        var expected = Parse.Sample("002_f4cbcc3e5ae112d9.txt").Report();
        var got = ReportPipeline.ParseBytes(bytes, "x").Report();
        Assert.Equal(expected.Agency, got.Agency);
        Assert.Equal(expected.Published, got.Published);
        Assert.Equal(expected.Cells.Select(c => (c.Key, c.Value.Value)), got.Cells.Select(c => (c.Key, c.Value.Value)));
        Assert.Equal(1m, got.Value("t2.art20_5.other_services.change"));
    }

    [Fact]
    public void Decoder_reports_the_encoding_it_chose()
    {
        TextDecoder.EnsureCodePages();
        Assert.Equal("gb18030", TextDecoder.Decode(Encoding.GetEncoding("GB18030").GetBytes("政府信息公开")).Encoding);
        Assert.Equal(("政府信息公开", "utf-8"), TextDecoder.Decode(Encoding.UTF8.GetBytes("政府信息公开")) is var (t, e, _) ? (t, e) : default);
    }
}
