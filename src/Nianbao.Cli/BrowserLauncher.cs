using System.Diagnostics;

namespace Nianbao.Cli;

/// <summary><c>serve --open</c>: the user's default browser on the address the server really bound.</summary>
public static class BrowserLauncher
{
    /// <summary>
    /// The page to open for a bound address: a wildcard host (0.0.0.0, [::], +, *) is not an address a browser can
    /// visit, so the loopback address stands in for it.
    /// </summary>
    public static string PageFor(string bound)
    {
        var uri = new UriBuilder(bound.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri.AbsoluteUri;
    }

    /// <summary>Starts the browser; an error message when it cannot (the server goes on either way).</summary>
    public static string? Open(string url)
    {
        try
        {
            // Windows opens a URL through the shell (the default browser); Linux desktops (UOS and Kylin included)
            // through xdg-open, macOS through open.
            var psi = OperatingSystem.IsWindows() ? new ProcessStartInfo(url) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", [url]) { UseShellExecute = false };
            using var process = Process.Start(psi);
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"无法打开浏览器（{e.Message}），请手动打开 {url}";
        }
    }
}
