namespace MlOps.GitOps.Yaml;

/// <summary>A YAML value that remembers where it was written, so a problem can name its file and line.</summary>
public abstract class YamlNode
{
    public SourceLocation? Source { get; init; }
}
