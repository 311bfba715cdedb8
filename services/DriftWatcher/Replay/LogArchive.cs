using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOps.DriftWatcher.Replay;

/// <summary>
/// The .json files of a log archive in time order. A Cloud Logging sink to Cloud Storage writes each log's entries as
/// newline-delimited LogEntry JSON in hourly files, <c>{logName}/YYYY/MM/DD/HH:00:00_HH:59:59_S{n}.json</c> (UTC; a log
/// name such as <c>run.googleapis.com/stdout</c> is itself a path; shards are <c>S0, S1, …</c>, then <c>A0, A1, …</c>).
/// Files are ordered by hour, then shard, then name; a file not named that way comes first, in name order.
/// </summary>
public static partial class LogArchive
{
    public static IReadOnlyList<ArchiveFile> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(path => Describe(folder, path))
            .OrderBy(f => f.File.Hour ?? DateTimeOffset.MinValue)
            .ThenBy(f => f.Shard)
            .ThenBy(f => f.File.Name, StringComparer.Ordinal)
            .Select(f => f.File)];

    private static (ArchiveFile File, (int Kind, int Number) Shard) Describe(string folder, string path)
    {
        var name = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
        var bytes = new FileInfo(path).Length;
        if (HourlyFile().Match(name) is { Success: true } match
            && DateTimeOffset.TryParseExact($"{match.Groups["day"].Value} {match.Groups["hour"].Value}", "yyyy'/'MM'/'dd HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour))
        {
            var shard = (match.Groups["kind"].Value == "S" ? 0 : 1, int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture));
            return (new ArchiveFile(path, name, hour, bytes), shard);
        }

        return (new ArchiveFile(path, name, null, bytes), (0, 0));
    }

    [GeneratedRegex(@"(?:^|/)(?<day>[0-9]{4}/[0-9]{2}/[0-9]{2})/(?<hour>[0-9]{2}):00:00_\k<hour>:59:59_(?<kind>[SA])(?<number>[0-9]{1,9})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex HourlyFile();
}
