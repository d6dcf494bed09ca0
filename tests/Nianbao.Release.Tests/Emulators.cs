namespace Nianbao.Release.Tests;

/// <summary>Wine (Debian's wine64) and qemu-user (qemu-user-static), which ./test installs when missing.</summary>
public static class Emulators
{
    /// <summary>Debian's wine64 package puts its loader in /usr/lib/wine; the wine package adds /usr/bin/wine64.</summary>
    public static string Wine64 => First("wine64", ["/usr/bin/wine64", "/usr/lib/wine/wine64"]);

    public static string QemuAarch64 => First("qemu-aarch64-static", ["/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64"]);

    /// <summary>
    /// One Wine prefix for the whole run, kept under artifacts/ (creating one costs half a minute); Gecko is not
    /// offered (mshtml off; mscoree must stay, Wine loads every .NET assembly through it), and Wine's debug chatter
    /// is silenced. W^X is off because of Wine, not of the program: Wine 8 does not give CoreCLR the double-mapped
    /// executable memory W^X needs, and the runtime aborts ("Internal CLR error" in DynamicResolver's finalizer) as
    /// soon as a dynamic method is freed. Real Windows needs no such setting.
    /// </summary>
    public static Dictionary<string, string> WineEnvironment()
    {
        var env = Processes.UserEnvironment();
        env["WINEPREFIX"] = Directory.CreateDirectory(Path.Combine(Release.Root, "artifacts", "wine-prefix")).FullName;
        env["WINEDEBUG"] = "-all";
        env["WINEDLLOVERRIDES"] = "mshtml=";
        env["DOTNET_EnableWriteXorExecute"] = "0";
        return env;
    }

    /// <summary>
    /// Debian's arm64 libraries (libc6:arm64 …) sit in the multiarch folders of this root, where the arm64 loader
    /// /lib/ld-linux-aarch64.so.1 finds them; QEMU_LD_PREFIX=/ says so to qemu. W^X is off because of qemu-user,
    /// not of the program: W^X writes code through a second, writable mapping of the same memory, which qemu-user
    /// does not see, so it keeps running its stale translation of the old bytes (seen here: a different
    /// NullReferenceException or TargetInvocationException on most runs, none with W^X off). Real ARM64 machines
    /// need no such setting.
    /// </summary>
    public static Dictionary<string, string> QemuEnvironment()
    {
        var env = Processes.UserEnvironment();
        env["QEMU_LD_PREFIX"] = "/";
        env["DOTNET_EnableWriteXorExecute"] = "0";
        return env;
    }

    private static string First(string what, string[] paths) =>
        paths.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{what} is missing: ./test installs it (apt-get install wine64 qemu-user-static)");
}
