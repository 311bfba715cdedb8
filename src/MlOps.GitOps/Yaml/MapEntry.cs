namespace MlOps.GitOps.Yaml;

public sealed record MapEntry(string Key, YamlNode Value, SourceLocation? Source);
