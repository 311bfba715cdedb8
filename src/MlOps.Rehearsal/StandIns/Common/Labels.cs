using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>
/// Labels as Vertex AI's protos describe them: keys and values of at most 64 characters, lowercase letters (international
/// ones too), digits, underscores and dashes; and, as everywhere in Google Cloud, a key starts with a letter.
/// </summary>
internal static partial class Labels
{
    public static void Check(JsonObject? labels, string path, List<FieldViolation> violations)
    {
        foreach (var (key, value) in labels ?? [])
        {
            if (!Key().IsMatch(key))
            {
                violations.Add(new FieldViolation($"{path}[{key}]", $"The label key \"{key}\" must start with a lowercase letter and hold at most 64 lowercase letters, digits, underscores and dashes."));
            }

            var text = value!.GetValue<string>();
            if (!Value().IsMatch(text))
            {
                violations.Add(new FieldViolation($"{path}[{key}]", $"The label value \"{text}\" may hold at most 64 lowercase letters, digits, underscores and dashes."));
            }
        }
    }

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,63}$")]
    private static partial Regex Key();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{N}_-]{0,64}$")]
    private static partial Regex Value();
}
