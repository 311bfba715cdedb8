namespace MlOps.Environments.Yaml;

public enum ScalarType
{
    Text,
    Number,
    Boolean,
    Null,
}
