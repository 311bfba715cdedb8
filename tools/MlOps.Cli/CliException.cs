namespace MlOps.Cli;

/// <summary>Bad input the user can fix; the message is printed as the one-line reason.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
