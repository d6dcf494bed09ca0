using System.Diagnostics;

namespace Nianbao.Reading;

/// <summary>A Debian tool Nianbao runs as a process (pdftotext, chromium, tesseract, soffice) is missing or failed.</summary>
public sealed class ExternalToolException(string message) : Exception(message);

/// <summary>
/// Runs an external program with a timeout, capturing its output; a missing program gives a clear error naming
/// the Debian package to install, a hung one is killed. The one way every external tool is started.
/// </summary>
public static class ExternalTool
{
    public sealed record Output(int ExitCode, string StdOut, string StdErr);

    /// <param name="candidates">Program names to try in order (Debian's name first).</param>
    /// <param name="package">The Debian package that provides it, for the error message.</param>
    public static Output Run(IReadOnlyList<string> candidates, string package, IEnumerable<string> arguments, TimeSpan timeout)
    {
        ReadBudget.Check();
        var program = Find(candidates) ?? throw new ExternalToolException($"未安装 {candidates[0]}（Debian/Ubuntu：apt-get install {package}）");
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

    /// <summary>The first candidate that is an executable path or is found on PATH.</summary>
    public static string? Find(IEnumerable<string> candidates)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in candidates)
        {
            if (c.Contains('/')) { if (File.Exists(c)) return c; continue; }
            foreach (var dir in path)
            {
                var full = Path.Combine(dir, c);
                if (File.Exists(full)) return full;
            }
        }
        return null;
    }
}
