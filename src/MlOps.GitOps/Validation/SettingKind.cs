namespace MlOps.GitOps.Validation;

public enum SettingKind
{
    Text,
    Number,
    Integer,
    Boolean,
    Choice,
    Url,
    ConnectionString,
}
