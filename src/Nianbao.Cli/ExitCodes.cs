namespace Nianbao.Cli;

/// <summary>Documented exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Every file was read; for <c>check</c>: no finding of severity error.</summary>
    public const int Ok = 0;

    /// <summary><c>check</c>: at least one report has a finding of severity error.</summary>
    public const int Findings = 1;

    /// <summary>At least one file could not be read as a report, or the command line was wrong.</summary>
    public const int Unreadable = 2;
}
