namespace Nianbao.Release.Tests;

/// <summary>The .NET tool package, installed as a user with the SDK would (into a tool path, not the machine's).</summary>
public class ToolPackageTests
{
    [Fact]
    public void Installs_from_the_release_folder_and_runs()
    {
        var package = Path.Combine(Release.Dir, $"nianbao.{Release.Version}.nupkg");
        Assert.True(File.Exists(package), $"{package} is missing: run ./release first");
        var tools = Scratch.Folder("tools");
        var env = Processes.HostEnvironment();
        var install = Processes.Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", Release.Dir, "nianbao", "--version", Release.Version],
            Scratch.Folder("cwd"), env);
        Assert.True(install.Exit == 0, install.Text + install.Err);
        var work = Reports.CreateWorkingFolder();
        var parse = Processes.Run(Path.Combine(tools, "nianbao"), ["parse", "--json", Reports.Folder], work, env);
        Assert.True(parse.Exit == 0, parse.Err);
        Reports.AssertTruth(parse.Out);
    }
}
