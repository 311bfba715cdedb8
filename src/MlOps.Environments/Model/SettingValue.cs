namespace MlOps.Environments.Model;

public abstract record SettingValue;
