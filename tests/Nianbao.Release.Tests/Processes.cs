using System.Diagnostics;
using System.Text;

namespace Nianbao.Release.Tests;

/// <summary>Runs a program with an environment built from nothing, capturing standard output as bytes.</summary>
public static class Processes
{
    public sealed record Result(int Exit, byte[] Out, string Err)
    {
        public string Text => Encoding.UTF8.GetString(Out);
    }

    /// <summary>A hang guard only: a build under emulation is slow, but never this slow. No test measures time.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What a user's machine without the SDK gives a program: HOME, a temporary folder and a PATH holding only
    /// an empty folder — no dotnet, no poppler, no DOTNET_ROOT.
    /// </summary>
    public static Dictionary<string, string> UserEnvironment(string? pathFolder = null) => new()
    {
        ["HOME"] = Scratch.Folder("home"),
        ["TMPDIR"] = Scratch.Folder("tmp"),
        ["PATH"] = pathFolder ?? Scratch.Folder("empty-path"),
        ["LANG"] = "C.UTF-8",
    };

    /// <summary>The test host's own environment, for the tools that set a test up (tar, unzip, dotnet).</summary>
    public static Dictionary<string, string> HostEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

    public static Process Start(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false,
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        return p;
    }

    public static Result Run(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> environment)
    {
        using var p = Start(program, args, workingDirectory, environment);
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(HangGuard))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} hung (killed after {HangGuard.TotalMinutes} min)");
        }
        copy.Wait();
        return new Result(p.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
