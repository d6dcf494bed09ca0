using System.Diagnostics;
using System.Text.Json;
using Nianbao.Template;
using Nianbao.Fixtures;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>The real <c>nianbao</c> program as a process: the JSON Lines contract of output.md and the exit codes.</summary>
public class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => NianbaoProcess.Run(args);

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Parse_json_prints_one_contract_object_per_file_in_input_order()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        var (exit, stdout, _) = Run("parse", "--json", samples);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var keys2019 = TemplateCatalog.Default[Edition.E2019].Cells.Select(c => c.Key).ToList();
        for (int i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var o = doc.RootElement;
            Assert.StartsWith($"00{i}_", Path.GetFileName(o.GetProperty("source").GetString()!));
            Assert.Equal("text", o.GetProperty("format").GetString());
            Assert.Equal("2019", o.GetProperty("edition").GetString());
            Assert.Equal(2020, o.GetProperty("year").GetInt32());
            Assert.Equal(JsonValueKind.String, o.GetProperty("agency").ValueKind);
            Assert.Equal(keys2019, o.GetProperty("cells").EnumerateObject().Select(p => p.Name).ToList());
            Assert.All(o.GetProperty("cells").EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
            foreach (var f in o.GetProperty("findings").EnumerateArray())
            {
                Assert.Contains(f.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
                Assert.NotEmpty(f.GetProperty("rule").GetString()!);
                Assert.NotEmpty(f.GetProperty("message").GetString()!);
                Assert.Equal(JsonValueKind.Array, f.GetProperty("cells").ValueKind);
            }
            Assert.False(o.TryGetProperty("error", out _));
        }
        Assert.DoesNotContain("\\u", stdout);
    }

    [Fact]
    public void A_bad_file_gets_an_error_object_and_the_batch_goes_on()
    {
        var dir = TempDir();
        File.WriteAllBytes(Path.Combine(dir, "a_empty.txt"), []);
        File.Copy(Parse.SamplePath("003_3eb821f3d5e72289.txt"), Path.Combine(dir, "b_report.txt"));
        File.WriteAllBytes(Path.Combine(dir, "c_junk.pdf"), [0, 1, 2, 3, 0, 0, 7]);
        var (exit, stdout, _) = Run("parse", "--json", dir);
        Assert.Equal(2, exit);
        var objs = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, objs.Count);
        Assert.Equal("empty", objs[0].GetProperty("error").GetProperty("code").GetString());
        Assert.False(objs[0].TryGetProperty("cells", out _));
        Assert.Equal("鹤岗市科学技术局", objs[1].GetProperty("agency").GetString());
        Assert.Equal(10, objs[1].GetProperty("cells").GetProperty("t2.art20_5.licensing.decisions").GetInt32());
        Assert.Equal("binary", objs[2].GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void Check_exit_codes_are_0_clean_1_errors_2_unreadable()
    {
        var dir = TempDir();
        var clean = ReportGenerator.Generate(11, Edition.E2021, 0.6);
        File.WriteAllText(Path.Combine(dir, "clean.txt"), Layouts.Render(clean, Layout.TabGrid, 11));
        var ok = Run("check", Path.Combine(dir, "clean.txt"));
        Assert.Equal(0, ok.Exit);
        Assert.Contains("✓ 通过", ok.Out);
        Assert.Contains("共 1 份：通过 1，有警告 0，有错误 0，无法读取 0", ok.Out);

        var errors = Run("check", Parse.SamplePath("001_adb888ebb0553f89.txt"));
        Assert.Equal(1, errors.Exit);
        Assert.Contains("错误 DOC.H6 缺少第六部分“其他需要报告的事项”", errors.Out);

        File.WriteAllText(Path.Combine(dir, "notes.txt"), "会议纪要\n今天讨论了工作安排。\n");
        var unreadable = Run("check", dir);
        Assert.Equal(2, unreadable.Exit);
        Assert.Contains("无法读取", unreadable.Out);
        Assert.Contains("共 2 份：通过 1，有警告 0，有错误 0，无法读取 1", unreadable.Out);
    }

    [Fact]
    public void Bad_usage_is_exit_code_above_zero_with_a_message()
    {
        var (exit, _, err) = Run("parse");
        Assert.NotEqual(0, exit);
        Assert.NotEmpty(err);
    }
}
