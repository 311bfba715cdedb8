using System.Text;
using MassTransit;

namespace MlOps.Transport.PubSub.Topology;

/// <summary>Topic names from message types in kebab-case: <c>ModelTrained</c> → <c>model-trained</c>,
/// <c>Fault&lt;ModelTrained&gt;</c> → <c>fault--model-trained</c>.</summary>
public sealed class PubSubEntityNameFormatter : IEntityNameFormatter
{
    public static PubSubEntityNameFormatter Instance { get; } = new();

    public string FormatEntityName<T>() => Format(typeof(T));

    public static string Format(Type type)
    {
        if (!type.IsGenericType)
        {
            return Kebab(type.Name);
        }

        var name = type.Name[..type.Name.IndexOf('`')];
        return string.Join("--", [Kebab(name), .. type.GetGenericArguments().Select(Format)]);
    }

    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousIsLower || startsWord)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
            }
        }
        return builder.ToString();
    }
}
