using MlOps.GitOps.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MlOps.GitOps.Rendering;

/// <summary>Writes nodes as block YAML; text that a YAML reader would take for a number or a boolean is quoted.</summary>
public static class YamlWriter
{
    public static string Write(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case MapNode map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var entry in map.Entries)
                {
                    Emit(emitter, ScalarNode.Text(entry.Key));
                    Emit(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case ListNode list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case ScalarNode scalar:
                var quote = scalar.Type == ScalarType.Text && ScalarNode.Resolve(scalar.Value) != ScalarType.Text;
                emitter.Emit(new Scalar(null, null, scalar.Value, quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));
                break;
        }
    }
}
