namespace MlOps.GitOps.Model;

public sealed record LiteralValue(string Text) : SettingValue
{
    public override string ToString() => Text;
}
