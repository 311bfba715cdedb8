using System.Net.Http.Json;
using MlOps.Contracts.Api;

namespace MlOps.Cli.Loop;

/// <summary>Tells a running DriftWatcher about labelled snapshots once their labels are in.</summary>
internal static class SnapshotAnnouncer
{
    public static async Task AnnounceAsync(HttpClient http, string driftWatcher, string model, string artifacts, IReadOnlyList<string> files, TimeSpan labelDelay, CancellationToken cancellationToken)
    {
        await Task.Delay(labelDelay, cancellationToken);
        foreach (var file in files)
        {
            var path = Path.GetRelativePath(artifacts, file).Replace(Path.DirectorySeparatorChar, '/');
            await AnnounceAsync(http, $"{driftWatcher}/api/drift/{Uri.EscapeDataString(model)}/snapshots", new SnapshotAnnouncement(path), cancellationToken);
        }
    }

    // A DriftWatcher that is restarting, or answers 5xx, is asked again for up to a minute; a 4xx is final.
    private static async Task AnnounceAsync(HttpClient http, string url, SnapshotAnnouncement announcement, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, announcement, ApiJson.Options, cancellationToken);
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    response.EnsureSuccessStatusCode();
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
