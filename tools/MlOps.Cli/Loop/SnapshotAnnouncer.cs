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
            using var response = await http.PostAsJsonAsync($"{driftWatcher}/api/drift/{Uri.EscapeDataString(model)}/snapshots", new SnapshotAnnouncement(path), ApiJson.Options, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
