namespace Nianbao.Release.Tests;

/// <summary><c>nianbao parse --json "年报 样本"</c> run by each build, from a working folder with spaces and Chinese in its path.</summary>
public static class Parses
{
    private static readonly Lazy<Processes.Result> LinuxRun = new(() => Run(Path.Combine(Release.Unpack("linux-x64"), "nianbao"), [], Processes.UserEnvironment()));

    /// <summary>The linux-x64 build's output, the reference the other builds are compared with.</summary>
    public static Processes.Result Linux => LinuxRun.Value;

    public static Processes.Result Run(string program, string[] before, Dictionary<string, string> environment)
    {
        var work = Reports.CreateWorkingFolder();
        var result = Processes.Run(program, [.. before, "parse", "--json", Reports.Folder], work, environment);
        Assert.True(result.Exit == 0, $"exit {result.Exit}: {result.Err}");
        return result;
    }
}
