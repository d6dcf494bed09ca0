using System.CommandLine;
using System.CommandLine.Help;
using Nianbao.Cli;
using Spectre.Console;

ConsoleSetup.UseUtf8();
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-Hans");
if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null)
{
    // Piped or logged: plain text, no colour codes, no wrapping of long Chinese messages.
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(Console.Out),
    });
    AnsiConsole.Profile.Width = 1000;
}
var root = new RootCommand("年报 Nianbao：政府信息公开工作年度报告的读取、核对与汇总工具")
{
    ParseCommand.Create(),
    CheckCommand.Create(),
    DebugCommand.Create(),
    IngestCommand.Create(),
    ListCommand.Create(),
    ShowCommand.Create(),
    CorrectCommand.Create(),
    ReviewCommand.Create(),
    DiffCommand.Create(),
    BatchesCommand.Create(),
    ExportCommand.Create(),
    SummaryCommand.Create(),
    CompareCommand.Create(),
    ReviewReportCommand.Create(),
    RegionsCommand.Create(),
    NewCommand.Create(),
    RenderCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
};
foreach (var option in root.Options)
{
    if (option is HelpOption) option.Description = "显示帮助和用法";
    if (option is VersionOption) option.Description = "显示版本信息";
}
return root.Parse(args).Invoke();
