using System.CommandLine;
using System.Text;
using Nianbao.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
var root = new RootCommand("年报 Nianbao：政府信息公开工作年度报告的读取、核对与汇总工具")
{
    ParseCommand.Create(),
    CheckCommand.Create(),
    DebugCommand.Create(),
};
return root.Parse(args).Invoke();
