namespace MlOps.GitOps.Yaml;

/// <summary>A mapping that keeps its keys in the order they were written.</summary>
public sealed class MapNode : YamlNode
{
    private readonly List<MapEntry> entries = [];

    public IReadOnlyList<MapEntry> Entries => entries;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public YamlNode? this[string key] => Find(key)?.Value;

    public MapEntry? Find(string key) => entries.FirstOrDefault(e => e.Key == key);

    public bool Contains(string key) => Find(key) is not null;

    /// <summary>Adds or replaces a key, keeping the position of a replaced key.</summary>
    public MapNode Set(string key, YamlNode value, SourceLocation? source = null)
    {
        var index = entries.FindIndex(e => e.Key == key);
        var entry = new MapEntry(key, value, source ?? value.Source);
        if (index >= 0)
        {
            entries[index] = entry;
        }
        else
        {
            entries.Add(entry);
        }

        return this;
    }

    public MapNode Set(string key, string text) => Set(key, ScalarNode.Text(text));

    public bool Remove(string key) => entries.RemoveAll(e => e.Key == key) > 0;
}
