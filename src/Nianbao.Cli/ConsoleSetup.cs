using System.Text;

namespace Nianbao.Cli;

/// <summary>
/// UTF-8 on every platform: a Windows console shows Chinese only once its code page is UTF-8 (65001), and output
/// redirected to a file or pipe would otherwise be written in the ANSI/OEM code page (GBK on a Chinese Windows),
/// which breaks the JSON Lines of <c>parse --json</c>.
/// </summary>
public static class ConsoleSetup
{
    public static void UseUtf8()
    {
        var utf8 = new UTF8Encoding(false);
        try
        {
            Console.OutputEncoding = utf8;
            Console.InputEncoding = utf8;
        }
        catch (IOException)
        {
            // No console attached (a Windows service, a detached process): the code page cannot be set, so the
            // streams get UTF-8 writers of their own.
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true });
            Console.SetError(new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true });
        }
    }
}
