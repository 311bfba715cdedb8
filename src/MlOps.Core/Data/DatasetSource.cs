using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOps.Core.Data;

/// <summary>
/// Where training data comes from: one CSV file, or a folder of dated CSV snapshots of which the
/// newest <c>N</c> are taken. Snapshots are ordered by the date in their file name
/// (<c>2026-11-01.csv</c>, <c>trips-20261101.csv</c>), falling back to the file's write time.
/// </summary>
public sealed partial class DatasetSource
{
    private DatasetSource(string path, IReadOnlyList<string> files)
    {
        Path = path;
        Files = files;
    }

    public string Path { get; }

    /// <summary>The files to read, oldest first.</summary>
    public IReadOnlyList<string> Files { get; }

    public long TotalBytes => Files.Sum(f => new FileInfo(f).Length);

    public static DatasetSource FromPath(string path, int? newest = null)
    {
        if (File.Exists(path))
        {
            return new DatasetSource(path, [System.IO.Path.GetFullPath(path)]);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"dataset not found: {path} is neither a file nor a folder", path);
        }

        var snapshots = Directory.EnumerateFiles(path, "*.csv")
            .Select(f => (File: System.IO.Path.GetFullPath(f), Date: SnapshotDate(f)))
            .OrderBy(s => s.Date)
            .ThenBy(s => s.File, StringComparer.Ordinal)
            .Select(s => s.File)
            .ToList();
        if (newest is > 0 && snapshots.Count > newest)
        {
            snapshots = snapshots[^newest.Value..];
        }

        return new DatasetSource(path, snapshots);
    }

    public static DateTime SnapshotDate(string file)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        var match = DatePattern().Match(name);
        if (match.Success)
        {
            var digits = match.Groups["y"].Value + match.Groups["m"].Value + match.Groups["d"].Value
                + (match.Groups["h"].Success ? match.Groups["h"].Value + match.Groups["min"].Value + match.Groups["s"].Value : "000000");
            if (DateTime.TryParseExact(digits, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                return date;
            }
        }

        return File.GetLastWriteTimeUtc(file);
    }

    [GeneratedRegex(@"(?<y>\d{4})-?(?<m>\d{2})-?(?<d>\d{2})(?:[T_-]?(?<h>\d{2})[:-]?(?<min>\d{2})[:-]?(?<s>\d{2}))?")]
    private static partial Regex DatePattern();
}
