using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// Asks the front for a prediction every few milliseconds for as long as a trial runs, and keeps the
/// version that answered each one: what shows which versions ever took traffic.
/// </summary>
public sealed class ServedVersions : IAsyncDisposable
{
    // Trips as the stable traffic has them, cycled: a probe that sent one trip over and over would itself look like drift.
    private static readonly string[] Instances = [.. new MlOps.Core.Synthetic.TaxiTripGenerator(5, MlOps.Core.Synthetic.DriftScenario.None).Generate(500).Select(t => JsonSerializer.Serialize(new
    {
        instances = new[] { TripFeatures.Of(t).ToDictionary(f => f.Key, f => f.Value.Number is { } n ? (object?)n : f.Value.Text) },
    }))];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly Task _probing;
    private long _failed;

    private ServedVersions(string front)
    {
        _probing = ProbeAsync($"{front}/v1/models/{LoopRig.Model}:predict");
    }

    /// <summary>How many answers each version gave.</summary>
    public IReadOnlyDictionary<int, long> Versions => _versions;

    /// <summary>Requests that got no prediction (refused, broken, or not yet servable).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public static ServedVersions Start(string front) => new(front);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _probing;
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ProbeAsync(string url)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            try
            {
                using var content = new StringContent(Instances[i % Instances.Length], Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(url, content, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_stop.Token));
                    var version = int.Parse(body.RootElement.GetProperty("modelVersionId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    _versions.AddOrUpdate(version, 1, (_, n) => n + 1);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                }

                await Task.Delay(25, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
