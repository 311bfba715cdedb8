using System.Globalization;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Loading;

/// <summary>Reads typed values from one mapping, reporting missing, mistyped and unknown keys with their paths.</summary>
internal sealed class MapReader(MapNode map, string path, BindContext context)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public MapNode Node => map;

    public string Path(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public string? String(string key, bool required = true)
    {
        if (Scalar(key, required) is not { } scalar)
        {
            return null;
        }

        if (scalar.Type is not (ScalarType.Text or ScalarType.Number))
        {
            context.Wrong(Path(key), scalar.Source, $"expected text, got '{scalar.Value}' (quote it if it is meant as text)");
            return null;
        }

        return scalar.Value;
    }

    public int? Int(string key, bool required = true)
    {
        if (Scalar(key, required) is not { } scalar)
        {
            return null;
        }

        if (scalar.Type != ScalarType.Number || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            context.Wrong(Path(key), scalar.Source, $"expected a whole number, got '{scalar.Value}'");
            return null;
        }

        return value;
    }

    public bool? Bool(string key, bool required = true)
    {
        if (Scalar(key, required) is not { } scalar)
        {
            return null;
        }

        if (scalar.Value is not ("true" or "false"))
        {
            context.Wrong(Path(key), scalar.Source, $"expected true or false, got '{scalar.Value}'");
            return null;
        }

        return scalar.Value == "true";
    }

    public MapReader? Map(string key, bool required = true)
    {
        if (Value(key, required) is not { } node)
        {
            return null;
        }

        if (node is not MapNode child)
        {
            context.Wrong(Path(key), node.Source, "expected a mapping of keys to values");
            return null;
        }

        return new MapReader(child, Path(key), context);
    }

    public IReadOnlyList<string>? StringList(string key, bool required = true)
    {
        if (Value(key, required) is not { } node)
        {
            return null;
        }

        if (node is not ListNode list || list.Items.Any(i => i is not ScalarNode { Type: ScalarType.Text }))
        {
            context.Wrong(Path(key), node.Source, "expected a list of names");
            return null;
        }

        return list.Items.Cast<ScalarNode>().Select(s => s.Value).ToList();
    }

    /// <summary>The raw value of a key; a missing required key is reported.</summary>
    public YamlNode? Value(string key, bool required = true)
    {
        known.Add(key);
        var entry = map.Find(key);
        if (entry is null || entry.Value is ScalarNode { Type: ScalarType.Null })
        {
            if (required)
            {
                context.Missing(Path(key));
            }

            return null;
        }

        context.Record(Path(key), entry.Source);
        return entry.Value;
    }

    /// <summary>Reports every key that no read asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var entry in map.Entries.Where(e => !known.Contains(e.Key)))
        {
            context.Wrong(Path(entry.Key), entry.Source, "unknown key" + Suggestions.Hint(entry.Key, known));
        }
    }

    private ScalarNode? Scalar(string key, bool required)
    {
        if (Value(key, required) is not { } node)
        {
            return null;
        }

        if (node is not ScalarNode scalar)
        {
            context.Wrong(Path(key), node.Source, "expected a single value");
            return null;
        }

        return scalar;
    }
}
