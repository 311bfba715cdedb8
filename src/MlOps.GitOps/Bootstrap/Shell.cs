using System.Text.RegularExpressions;

namespace MlOps.GitOps.Bootstrap;

internal static partial class Shell
{
    /// <summary>Single-quotes a value unless it is made only of characters a shell leaves alone.</summary>
    public static string Quote(string value) =>
        Safe().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@,+%-]+$")]
    private static partial Regex Safe();
}
