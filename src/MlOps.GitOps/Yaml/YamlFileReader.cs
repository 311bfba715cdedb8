using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MlOps.GitOps.Yaml;

/// <summary>Reads one YAML document into nodes that remember their file and line.</summary>
public static class YamlFileReader
{
    /// <summary>Parses <paramref name="text"/>; an empty document gives an empty mapping.</summary>
    /// <exception cref="EnvironmentException">The text is not YAML, or not a mapping at the top.</exception>
    public static MapNode ReadMap(string text, string file)
    {
        YamlNode? root;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return new MapNode { Source = new SourceLocation(file, 1) };
            }

            parser.Consume<DocumentStart>();
            root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, file);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var extra))
            {
                throw Problem(file, extra.Start, "a second YAML document; keep one document per file");
            }
        }
        catch (YamlException e)
        {
            throw Problem(file, e.Start, $"not valid YAML: {e.Message}");
        }

        return root switch
        {
            null => new MapNode { Source = new SourceLocation(file, 1) },
            ScalarNode { Type: ScalarType.Null } => new MapNode { Source = root.Source },
            MapNode map => map,
            _ => throw new EnvironmentException(new EnvironmentProblem(file, root.Source?.Line, "", "the file must be a YAML mapping of keys to values")),
        };
    }

    private static YamlNode ReadNode(IParser parser, string file)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var type = scalar.Style == ScalarStyle.Plain ? ScalarNode.Resolve(scalar.Value) : ScalarType.Text;
            return new ScalarNode(scalar.Value, type) { Source = At(file, scalar.Start) };
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var list = new ListNode { Source = At(file, sequenceStart.Start) };
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                list.Add(ReadNode(parser, file));
            }

            return list;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new MapNode { Source = At(file, mappingStart.Start) };
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var key))
                {
                    throw Problem(file, parser.Current!.Start, "a key must be a plain name");
                }

                if (map.Contains(key.Value))
                {
                    throw Problem(file, key.Start, $"'{key.Value}' appears twice in the same mapping");
                }

                var value = ReadNode(parser, file);
                map.Set(key.Value, value, At(file, key.Start));
            }

            return map;
        }

        var current = parser.Current!;
        throw Problem(file, current.Start, current is AnchorAlias ? "anchors and aliases are not supported; write the value out" : $"unexpected {current.GetType().Name}");
    }

    private static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line);

    private static EnvironmentException Problem(string file, Mark mark, string message) =>
        new(new EnvironmentProblem(file, (int)mark.Line, "", message));
}
