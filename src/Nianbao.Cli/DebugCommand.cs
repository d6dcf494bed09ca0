using System.CommandLine;
using Nianbao.Reading;
using Nianbao.Recognition;

namespace Nianbao.Cli;

/// <summary><c>nianbao debug FILE</c>: shows how recognition saw a file's layout.</summary>
public static class DebugCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("文件") { Description = "一份报告文件" };
        var cmd = new Command("debug", "显示识别过程：各部分标题、模板版本、每一行找到的标签位置和数字") { path };
        cmd.SetAction(pr =>
        {
            var file = pr.GetValue(path)!;
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"文件不存在：{file}");
                return ExitCodes.Unreadable;
            }
            ReadResult read;
            try { read = DocumentReader.Read(File.ReadAllBytes(file)); }
            catch (ReadRefusedException e) { read = e.Result; } // a bomb refused by a reader's pre-check
            if (read.Document is null)
            {
                Console.Error.WriteLine(read.Error?.Message);
                return ExitCodes.Unreadable;
            }
            Console.Write(RecognitionTrace.Describe(read.Document));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
