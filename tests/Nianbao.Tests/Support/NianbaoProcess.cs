using System.Diagnostics;
using System.Text;

namespace Nianbao.Tests.Support;

/// <summary>The real <c>nianbao</c> program (built beside the tests) run as a child process.</summary>
public static class NianbaoProcess
{
    public static Process Start(params string[] args) => Start(false, args);

    public static Process Start(bool redirectInput, params string[] args) => Start(redirectInput, null, args);

    /// <param name="environment">Variables set for the child only (test hooks such as the ingest's pause point).</param>
    public static Process Start(bool redirectInput, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        return Process.Start(psi)!;
    }

    /// <summary>Waits for a started process and returns its exit code and both outputs.</summary>
    public static (int Exit, string Out, string Err) Finish(Process p, int timeoutMs = 300_000)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(timeoutMs), "nianbao did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs with one line written to standard input (a password, as an operator would type it).</summary>
    public static (int Exit, string Out, string Err) RunWithInput(string input, params string[] args)
    {
        using var p = Start(true, args);
        p.StandardInput.WriteLine(input);
        p.StandardInput.Close();
        return Finish(p, 120_000);
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var p = Start(args);
        return Finish(p, 120_000);
    }
}
