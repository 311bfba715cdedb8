using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>
/// Version aliases: <c>[a-z][a-zA-Z0-9-]{0,126}[a-z0-9]</c> (Model.version_aliases), so never a version ID; each
/// names one version of its model, and <c>default</c> names exactly one.
/// </summary>
internal static partial class VersionAliases
{
    public static void Check(IReadOnlyList<string> aliases, string path, List<FieldViolation> violations)
    {
        for (var i = 0; i < aliases.Count; i++)
        {
            if (!Alias().IsMatch(aliases[i]))
            {
                violations.Add(new FieldViolation($"{path}[{i}]", $"The alias \"{aliases[i]}\" does not match [a-z][a-zA-Z0-9-]{{0,126}}[a-z0-9]."));
            }
        }
    }

    /// <summary>Gives <paramref name="alias"/> to <paramref name="version"/>, taking it from whichever other version of the model had it.</summary>
    public static void Move(ModelRecord model, ModelVersionRecord version, string alias)
    {
        foreach (var other in model.Versions.Where(v => v != version))
        {
            other.Aliases.Remove(alias);
        }

        if (!version.Aliases.Contains(alias))
        {
            version.Aliases.Add(alias);
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9-]{0,126}[a-z0-9]$")]
    private static partial Regex Alias();
}
