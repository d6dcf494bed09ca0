using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nianbao.Release.Tests;

/// <summary>The linux-x64 archive unpacked into an empty folder and run with no SDK, no poppler, nothing on PATH.</summary>
public class LinuxX64Tests
{
    private static string Nianbao => Path.Combine(Release.Unpack("linux-x64"), "nianbao");

    [Fact]
    public void Parses_the_samples_and_a_real_pdf_to_their_truth()
    {
        Reports.AssertTruth(Parses.Linux.Out);
        Assert.Contains("\"format\":\"pdf\"", Parses.Linux.Text);
    }

    [Fact]
    public void Prints_the_version_of_Directory_Build_props()
    {
        var r = Processes.Run(Nianbao, ["--version"], Scratch.Folder("cwd"), Processes.UserEnvironment());
        Assert.Equal(0, r.Exit);
        Assert.StartsWith(Release.Version, r.Text.Trim());
    }

    [Fact]
    public async Task Serves_the_home_page_and_its_charts_and_opens_the_browser_when_asked()
    {
        // A stand-in for the desktop's xdg-open: the only program on PATH, it writes down the address it was given
        // (whole, by a rename: /bin/mv by its path, since PATH holds nothing else).
        var bin = Scratch.Folder("bin");
        var opened = Path.Combine(bin, "opened.txt");
        File.WriteAllText(Path.Combine(bin, "xdg-open"), $"#!/bin/sh\nprintf '%s' \"$1\" > '{opened}.part' && /bin/mv '{opened}.part' '{opened}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, "xdg-open"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var work = Scratch.Folder("serve 服务");
        using var server = Processes.Start(Nianbao, ["serve", "--db", "审核 库.db", "--urls", "http://127.0.0.1:0", "--open"], work, Processes.UserEnvironment(bin));
        try
        {
            string? url = null;
            var said = new List<string>();
            while (url is null && await server.StandardOutput.ReadLineAsync() is { } line)
            {
                said.Add(line);
                url = Regex.Match(line, @"在浏览器中打开 (http://127\.0\.0\.1:\d+)") is { Success: true } m ? m.Groups[1].Value : null;
            }
            Assert.True(url is not null, "serve never said where it listens:\n" + string.Join('\n', said));
            using var http = new HttpClient { Timeout = Processes.HangGuard };
            var home = await http.GetAsync(url + "/");
            Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("报告列表", await home.Content.ReadAsStringAsync());
            // ECharts (from npm at build time) is inside the archive: the app serves it itself.
            var echarts = await http.GetAsync(url + "/assets/echarts.min.js");
            Assert.Equal(System.Net.HttpStatusCode.OK, echarts.StatusCode);
            Assert.Contains("echarts", (await echarts.Content.ReadAsStringAsync())[..4000], StringComparison.OrdinalIgnoreCase);
            // --open: the browser was asked for the address really bound (port 0 became a free port).
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(opened) && !server.HasExited && waited.Elapsed < Processes.HangGuard) await Task.Delay(100);
            Assert.True(File.Exists(opened), "xdg-open was not run");
            Assert.Equal(url + "/", File.ReadAllText(opened));
            Assert.True(File.Exists(Path.Combine(work, "审核 库.db")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    /// <summary>A scan needs Tesseract, which is not there: the error says what to install where, and the setting.</summary>
    [Fact]
    public void A_missing_tool_is_named_with_its_packages_and_its_setting()
    {
        var work = Scratch.Folder("ocr");
        File.WriteAllBytes(Path.Combine(work, "扫描 件.png"), Convert.FromBase64String(OnePixelPng));
        var r = Processes.Run(Nianbao, ["parse", "--json", "扫描 件.png"], work, Processes.UserEnvironment());
        Assert.NotEqual(0, r.Exit);
        using var json = JsonDocument.Parse(Reports.Lines(r.Out).Single());
        var message = json.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("未安装 tesseract", message);
        Assert.Contains("sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim", message);
        Assert.Contains("Windows：https://github.com/UB-Mannheim/tesseract/wiki", message);
        Assert.Contains("NIANBAO_TESSERACT", message);
    }

    [Fact]
    public void The_archive_holds_the_readme_and_a_notice_for_every_bundled_package()
    {
        var dir = Release.Unpack("linux-x64");
        Assert.Equal(File.ReadAllText(Path.Combine(Release.Root, "README.md")), File.ReadAllText(Path.Combine(dir, "README.md")));
        var notices = File.ReadAllText(Path.Combine(dir, "THIRD-PARTY-NOTICES.txt"));
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "nianbao.deps.json")));
        var bundled = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() is "package" or "runtimepack").Select(l => l.Name).ToList();
        Assert.Contains(bundled, b => b.StartsWith("runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/", StringComparison.Ordinal));
        Assert.Contains(bundled, b => b.StartsWith("PdfPig/", StringComparison.Ordinal));
        foreach (var name in bundled)
        {
            var (id, version) = (name.Replace("runtimepack.", "").Split('/')[0], name.Split('/')[1]);
            Assert.Matches($@"(?m)^{Regex.Escape(id)} {Regex.Escape(version)} \(NuGet.*\)\nLicense: \S", notices);
        }
        Assert.Matches(@"(?m)^echarts \d+\.\d+\.\d+ \(npm\)\nLicense: Apache-2\.0", notices);
        Assert.Contains("Licensed under the Apache License", notices);
    }

    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
}
