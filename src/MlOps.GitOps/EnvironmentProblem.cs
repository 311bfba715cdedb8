namespace MlOps.GitOps;

/// <summary>One thing wrong with an environment: the file to fix, the key in it, and what is wrong.</summary>
public sealed record EnvironmentProblem(string File, int? Line, string Key, string Message)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        return Key.Length == 0 ? $"{where}: {Message}" : $"{where}: {Key}: {Message}";
    }
}
