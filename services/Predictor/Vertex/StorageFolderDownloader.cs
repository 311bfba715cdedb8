using Google;
using Google.Cloud.Storage.V1;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace MlOps.Predictor.Vertex;

/// <summary>
/// Copies every object under a gs:// prefix into a local folder, the name below the prefix
/// becoming the relative path. Every name is listed and checked before the first byte is written,
/// so a refused name leaves nothing behind.
/// </summary>
public sealed class StorageFolderDownloader(CloudStorageEndpoint endpoint, ILogger<StorageFolderDownloader> logger)
{
    /// <summary>Downloads <paramref name="source"/> into <paramref name="folder"/>; returns the files written.</summary>
    /// <exception cref="StorageDownloadException">Listing or a download failed, nothing is under the prefix, or a name was refused.</exception>
    public async Task<IReadOnlyList<string>> DownloadAsync(GcsUri source, string folder, CancellationToken cancellationToken)
    {
        var client = await endpoint.CreateClientAsync(cancellationToken);
        var objects = await ListAsync(client, source, Path.GetFullPath(folder), cancellationToken);
        var written = new List<string>(objects.Count);
        foreach (var (item, path) in objects)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await client.DownloadObjectAsync(item, file, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StorageDownloadException($"downloading object {ObjectPaths.Quote(item.Name)} failed: {Describe(e)}", e);
            }

            logger.LogDebug("Downloaded {Object} ({Bytes} bytes) to {Path}", item.Name, item.Size, path);
            written.Add(path);
        }

        return written;
    }

    private static async Task<List<(StorageObject Item, string Path)>> ListAsync(StorageClient client, GcsUri source, string folder, CancellationToken cancellationToken)
    {
        var root = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        var found = new List<(StorageObject, string)>();
        try
        {
            await foreach (var item in client.ListObjectsAsync(source.Bucket, source.Prefix).WithCancellation(cancellationToken))
            {
                // A zero-byte name ending in '/' is a console-made "folder", not a file.
                if (item.Name.EndsWith('/') && item.Size is null or 0)
                {
                    continue;
                }

                var relative = item.Name.StartsWith(source.Prefix, StringComparison.Ordinal) ? item.Name[source.Prefix.Length..] : null;
                var path = relative is null ? null : Path.GetFullPath(Path.Combine(root, relative));
                var problem = relative is null ? "it is not under the prefix"
                    : ObjectPaths.Refusal(relative) ?? (path!.StartsWith(root, StringComparison.Ordinal) ? null : "it would be written outside the download folder");
                if (problem is not null)
                {
                    throw new StorageDownloadException($"refused object {ObjectPaths.Quote(item.Name)}: {problem}");
                }

                found.Add((item, path!));
            }
        }
        catch (Exception e) when (e is not StorageDownloadException && !cancellationToken.IsCancellationRequested)
        {
            throw new StorageDownloadException($"listing the objects under '{source.Prefix}' in bucket '{source.Bucket}' failed: {Describe(e)}", e);
        }

        return found.Count > 0 ? found : throw new StorageDownloadException($"there are no objects under '{source.Prefix}' in bucket '{source.Bucket}'");
    }

    private static string Describe(Exception e) => e is GoogleApiException api
        ? $"{(int)api.HttpStatusCode} {api.Error?.Message ?? api.Message}"
        : e.Message;
}
