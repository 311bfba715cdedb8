namespace MlOps.GitOps.Yaml;

public sealed class ListNode : YamlNode
{
    private readonly List<YamlNode> items = [];

    public IReadOnlyList<YamlNode> Items => items;

    public ListNode Add(YamlNode item)
    {
        items.Add(item);
        return this;
    }
}
