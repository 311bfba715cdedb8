namespace MlOps.GitOps.Model;

public abstract record SettingValue;
