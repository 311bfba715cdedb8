namespace MlOps.GitOps.Yaml;

public enum ScalarType
{
    Text,
    Number,
    Boolean,
    Null,
}
