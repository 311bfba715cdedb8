using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

/// <summary>Typed access to YAML nodes with the types a YAML 1.1 reader (gcloud's) gives plain scalars.</summary>
internal sealed partial class KnativeServiceChecker
{
    private void Fields(YamlMappingNode map, string path, string[] allowed, string[] required)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!))
        {
            if (!allowed.Contains(key))
            {
                errors.Add($"{Join(path, key)}: not a field of this object");
            }
        }

        foreach (var key in required.Where(r => !map.Children.ContainsKey(r)))
        {
            errors.Add($"{Join(path, key)}: required");
        }
    }

    private YamlMappingNode? Map(YamlMappingNode parent, string key, string path) =>
        Node(parent, key, path, required: true) switch
        {
            null => null,
            YamlMappingNode map => map,
            _ => Error<YamlMappingNode>($"{Join(path, key)}: expected a mapping"),
        };

    private YamlSequenceNode? List(YamlMappingNode parent, string key, string path, bool required = true) =>
        Node(parent, key, path, required) switch
        {
            null => null,
            YamlSequenceNode list => list,
            _ => Error<YamlSequenceNode>($"{Join(path, key)}: expected a list"),
        };

    private string? String(YamlMappingNode parent, string key, string path) => Scalar(parent, key, path, "string") switch
    {
        null => null,
        var s when s.Style != ScalarStyle.Plain || PlainType(s.Value!) == "string" => s.Value,
        var s => Error<string>($"{Join(path, key)}: '{s.Value}' is read as a {PlainType(s.Value!)}; it must be a string (quote it)"),
    };

    private int? Int(YamlMappingNode parent, string key, string path, int min, int max)
    {
        if (Scalar(parent, key, path, "integer") is not { } scalar)
        {
            return null;
        }

        if (scalar.Style != ScalarStyle.Plain || PlainType(scalar.Value!) != "integer")
        {
            errors.Add($"{Join(path, key)}: '{scalar.Value}' must be an integer");
            return null;
        }

        var value = int.Parse(scalar.Value!, CultureInfo.InvariantCulture);
        if (value < min || value > max)
        {
            errors.Add($"{Join(path, key)}: {value} is outside {min}..{max}");
        }

        return value;
    }

    private bool? Bool(YamlMappingNode parent, string key, string path)
    {
        if (Scalar(parent, key, path, "boolean") is not { } scalar)
        {
            return null;
        }

        if (scalar.Style != ScalarStyle.Plain || scalar.Value is not ("true" or "false"))
        {
            errors.Add($"{Join(path, key)}: '{scalar.Value}' must be true or false");
            return null;
        }

        return scalar.Value == "true";
    }

    private void Equal(YamlMappingNode parent, string key, string expected, string path)
    {
        if (String(parent, key, path) is { } actual && actual != expected)
        {
            errors.Add($"{Join(path, key)}: '{actual}' must be '{expected}'");
        }
    }

    /// <summary>Kubernetes labels and annotations are string to string maps.</summary>
    private Dictionary<string, string>? StringMap(YamlMappingNode parent, string key, string path)
    {
        if (Node(parent, key, path, required: false) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add($"{Join(path, key)}: expected a mapping");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!))
        {
            if (String(map, name, Join(path, key)) is { } value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    private void Annotations(Dictionary<string, string> annotations, string path, Dictionary<string, Func<string, bool>> allowed)
    {
        foreach (var (key, value) in annotations)
        {
            if (!allowed.TryGetValue(key, out var valid))
            {
                errors.Add($"{path}.{key}: not an annotation Cloud Run reads here");
            }
            else if (!valid(value))
            {
                errors.Add($"{path}.{key}: '{value}' is not an allowed value");
            }
        }
    }

    private YamlScalarNode? Scalar(YamlMappingNode parent, string key, string path, string what) =>
        Node(parent, key, path, required: true) switch
        {
            null => null,
            YamlScalarNode scalar => scalar,
            _ => Error<YamlScalarNode>($"{Join(path, key)}: expected a {what}"),
        };

    private YamlNode? Node(YamlMappingNode parent, string key, string path, bool required)
    {
        if (parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return node;
        }

        if (required)
        {
            errors.Add($"{Join(path, key)}: required");
        }

        return null;
    }

    private T? Error<T>(string message)
        where T : class
    {
        errors.Add(message);
        return null;
    }

    private static string PlainType(string value) =>
        value is "" or "~" or "null" or "Null" or "NULL" ? "null"
        : BooleanWord().IsMatch(value) ? "boolean"
        : IntegerWord().IsMatch(value) ? "integer"
        : FloatWord().IsMatch(value) ? "float"
        : "string";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    [GeneratedRegex("^([a-z]([-a-z0-9]*[a-z0-9])?)$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BooleanWord();

    [GeneratedRegex("^[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)$")]
    private static partial Regex IntegerWord();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatWord();
}
