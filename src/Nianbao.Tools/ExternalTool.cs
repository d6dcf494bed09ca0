using System.Diagnostics;

namespace Nianbao.Tools;

/// <summary>A tool Nianbao runs as a process (pdftoppm, chromium, tesseract, soffice) is missing or failed.</summary>
public sealed class ExternalToolException(string message) : Exception(message);

/// <summary>
/// Runs an external program with a timeout, capturing its output; a missing program gives a clear error naming
/// what to install (Debian, UOS and Kylin package; Windows download) and the setting that points to it, a hung one
/// is killed. The one way every external tool is started.
/// </summary>
public static class ExternalTool
{
    public sealed record Output(int ExitCode, string StdOut, string StdErr);

    /// <param name="candidates">Program names to try in order (Debian's name first).</param>
    /// <param name="package">The Debian package that provides it, for the error message.</param>
    public static Output Run(IReadOnlyList<string> candidates, string package, IEnumerable<string> arguments, TimeSpan timeout)
    {
        ReadBudget.Check();
        var program = Locate(candidates, package);
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new ExternalToolException($"无法启动 {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // The file's time budget (ReadBudget) ends the process too: killed, then the reader stops with the budget's error.
        var budget = ReadBudget.Token;
        using (budget.Register(() => Kill(p)))
        {
            if (!p.WaitForExit(timeout) && !budget.IsCancellationRequested)
            {
                Kill(p);
                p.WaitForExit();
                throw new ExternalToolException($"{Path.GetFileName(program)} 在 {timeout.TotalSeconds:0} 秒内没有完成，已终止");
            }
        }
        if (budget.IsCancellationRequested)
        {
            p.WaitForExit();
            budget.ThrowIfCancellationRequested();
        }
        return new Output(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Kill(Process p)
    {
        try { p.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited
    }

    /// <summary>
    /// How a user gets a tool: the setting that names its program, the Windows download, other places it lives, and
    /// the apt packages when more than the caller's package is needed (Tesseract's Chinese model).
    /// </summary>
    private sealed record Install(string Setting, string Windows, string[] AlsoTry, string? Debian = null);

    /// <summary>A path under a Windows folder variable (%ProgramFiles% …); empty where the variable is not set.</summary>
    private static string ProgramFiles(string folder, string rest) =>
        Environment.GetEnvironmentVariable(folder) is { Length: > 0 } root ? Path.Combine(root, rest) : "";

    /// <summary>Keyed by the Debian package callers name (its first word). UOS and Kylin use the Debian package names.</summary>
    private static readonly Dictionary<string, Install> Installs = new()
    {
        ["tesseract-ocr"] = new("NIANBAO_TESSERACT",
            "https://github.com/UB-Mannheim/tesseract/wiki 的安装程序（安装时勾选 Chinese (Simplified) 语言）",
            [ProgramFiles("ProgramFiles", @"Tesseract-OCR\tesseract.exe")], "tesseract-ocr tesseract-ocr-chi-sim"),
        ["libreoffice-writer-nogui"] = new("NIANBAO_SOFFICE", "https://www.libreoffice.org/download/ 的 LibreOffice",
            [ProgramFiles("ProgramFiles", @"LibreOffice\program\soffice.exe")]),
        ["chromium"] = new("NIANBAO_CHROMIUM", "系统自带的 Microsoft Edge 即可（或 Google Chrome 等 Chromium 内核浏览器）",
            ["microsoft-edge", "microsoft-edge-stable", "google-chrome",
             ProgramFiles("ProgramFiles(x86)", @"Microsoft\Edge\Application\msedge.exe"),
             ProgramFiles("ProgramFiles", @"Microsoft\Edge\Application\msedge.exe"),
             ProgramFiles("ProgramFiles", @"Google\Chrome\Application\chrome.exe"),
             ProgramFiles("LocalAppData", @"Google\Chrome\Application\chrome.exe")]),
        ["poppler-utils"] = new("NIANBAO_POPPLER",
            "https://github.com/oschwartz10612/poppler-windows/releases 的 poppler（把其中的 Library\\bin 加入 PATH）", []),
        ["librsvg2-bin"] = new("NIANBAO_RSVG_CONVERT", "https://github.com/miyako/console-rsvg-convert/releases 的 rsvg-convert.exe（放入 PATH）", []),
    };

    /// <summary>
    /// The program to run: the one the tool's setting names (an environment variable; for poppler, the folder holding
    /// its programs), else the first candidate found on PATH (with <c>.exe</c> on Windows), else a usual install
    /// place; none → an error naming what to install on Debian / UOS / Kylin and on Windows, and the setting.
    /// </summary>
    private static string Locate(IReadOnlyList<string> candidates, string package)
    {
        Installs.TryGetValue(package.Split(' ')[0], out var install);
        if (install is not null && Environment.GetEnvironmentVariable(install.Setting) is { Length: > 0 } own)
        {
            var named = install.Setting == "NIANBAO_POPPLER" ? Path.Combine(own, Path.GetFileName(candidates[0])) : own;
            return Find([named]) ?? throw new ExternalToolException($"环境变量 {install.Setting} 指定的 {named} 不存在或不是可执行文件");
        }
        // Usual places only when the caller asked for a program by name; a caller naming a path wants that program.
        var byName = candidates.Any(c => !IsPath(c));
        if (Find(install is null || !byName ? candidates : [.. candidates, .. install.AlsoTry.Where(c => c.Length > 0)]) is { } found) return found;
        var advice = $"Debian / 统信 UOS / 麒麟 Kylin：sudo apt-get install {install?.Debian ?? package}";
        if (install is not null)
            advice += $"；Windows：{install.Windows}；已安装在别处时用环境变量 {install.Setting} 指定{(install.Setting == "NIANBAO_POPPLER" ? "其所在文件夹" : "程序的完整路径")}";
        throw new ExternalToolException($"未安装 {candidates[0]}（{advice}）");
    }

    /// <summary>The first candidate that is an executable path or is found on PATH (on Windows also as name.exe).</summary>
    public static string? Find(IEnumerable<string> candidates)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] suffixes = OperatingSystem.IsWindows() ? ["", ".exe"] : [""];
        foreach (var c in candidates)
        {
            if (IsPath(c))
            {
                foreach (var s in suffixes) if (File.Exists(c + s)) return c + s;
                continue;
            }
            foreach (var dir in path)
                foreach (var s in suffixes)
                {
                    var full = Path.Combine(dir, c + s);
                    if (File.Exists(full)) return full;
                }
        }
        return null;
    }

    private static bool IsPath(string program) => program.Contains('/', StringComparison.Ordinal) || program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
