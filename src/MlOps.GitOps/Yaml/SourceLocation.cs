namespace MlOps.GitOps.Yaml;

/// <summary>Where a value was written: a file as shown to the user, and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
