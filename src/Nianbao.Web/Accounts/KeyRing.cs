using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nianbao.Storage;

namespace Nianbao.Web.Accounts;

/// <summary>
/// The data-protection key ring (it signs the sign-in cookies and antiforgery tokens): whoever reads it can mint an
/// administrator's cookie. It lives with the store (<c>nianbao-keys</c> next to the SQLite file, or the folder given
/// for PostgreSQL), so cookies survive a restart and a copy of the user profile gives nothing; on Windows the keys
/// are encrypted with DPAPI, elsewhere the folder is created 0700 and each key file made 0600.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "Nianbao";
    public const string FolderName = "nianbao-keys";

    public static string Folder(WebOptions options)
    {
        if (options.KeysFolder is { } given) return Path.GetFullPath(given);
        if (options.Store.Kind == DatabaseKind.Sqlite)
            return Path.Combine(Path.GetDirectoryName(options.Store.Display) ?? ".", FolderName);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Nianbao", FolderName);
    }

    public static void Add(IServiceCollection services, WebOptions options)
    {
        var folder = new DirectoryInfo(Folder(options));
        Private(folder);
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (OperatingSystem.IsWindows())
            builder.PersistKeysToFileSystem(folder).ProtectKeysWithDpapi();
        else
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(k =>
                k.XmlRepository = new PrivateFileRepository(folder, sp.GetRequiredService<ILoggerFactory>())));
    }

    /// <summary>Creates the folder readable by its owner only (0700); an existing one is narrowed to that.</summary>
    private static void Private(DirectoryInfo folder)
    {
        if (OperatingSystem.IsWindows())
        {
            folder.Create();
            return;
        }
        Directory.CreateDirectory(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in folder.EnumerateFiles("*.xml"))
            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>ASP.NET Core's file repository, with every key file made 0600 once written (the folder is already 0700).</summary>
    private sealed class PrivateFileRepository(DirectoryInfo folder, ILoggerFactory logs) : IXmlRepository
    {
        private readonly FileSystemXmlRepository _files = new(folder, logs);

        public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

        public void StoreElement(XElement element, string friendlyName)
        {
            _files.StoreElement(element, friendlyName);
            if (OperatingSystem.IsWindows()) return;
            foreach (var file in folder.EnumerateFiles("*.xml"))
                File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
