using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>google.protobuf.Timestamp in JSON: RFC 3339, written in UTC with microseconds as Google's printer does.</summary>
internal static partial class ProtoTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static bool IsTimestamp(string text, bool requireUtc) =>
        Rfc3339().Match(text) is { Success: true } match
        && (!requireUtc || match.Groups["zone"].Value == "Z")
        && TryParse(text, out _);

    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time) && Rfc3339().IsMatch(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(?<zone>Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
