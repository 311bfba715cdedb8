using MlOps.Core.Data;
using MlOps.Core.Schema;

namespace MlOps.Cli;

internal static class DataLoading
{
    public static FeatureSchema Schema(string path) => FeatureSchemaFile.Load(path);

    /// <summary>Reads and validates a dataset with a progress bar over its bytes.</summary>
    public static DatasetLoadResult Load(CliConsole console, bool quiet, string path, FeatureSchema schema, int? newest, DatasetReadOptions? options = null)
    {
        var source = DatasetSource.FromPath(path, newest);
        var what = source.Files.Count == 1 ? Path.GetFileName(source.Files[0]) : $"{source.Files.Count} snapshots";
        return Progress.Run(console, quiet, $"reading {what}", source.TotalBytes, progress =>
            DatasetReader.Load(source, schema, (options ?? new DatasetReadOptions()) with { Progress = progress }));
    }
}
