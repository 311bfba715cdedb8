using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MlOps.Core.Synthetic;

namespace MlOps.Cli.Loop;

/// <summary>
/// Prediction traffic through the Predictor's real HTTP endpoint: generated trips, one instance per
/// request (object and positional forms alternate), at a bounded rate, from the current scenario.
/// </summary>
internal sealed class TrafficGenerator(string baseUrl, string model, int seed, int workers, double requestsPerSecond, PredictTarget? target = null) : IAsyncDisposable
{
    private readonly HttpClient _http = Client(baseUrl, workers, target);

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, long> _versions = new();
    private readonly List<Task> _workers = [];
    private volatile int _scenario;
    private long _sent;
    private long _failed;

    public DriftScenario Scenario
    {
        get => (DriftScenario)_scenario;
        set => _scenario = (int)value;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Answers per model version since the last reset.</summary>
    public IReadOnlyDictionary<string, long> Versions => _versions;

    public void ResetVersions() => _versions.Clear();

    public void Start()
    {
        for (var i = 0; i < workers; i++)
        {
            var worker = i;
            _workers.Add(Task.Run(() => Run(worker, _stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).ContinueWith(_ => { }, TaskScheduler.Default);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task Run(int worker, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(workers / requestsPerSecond);
        var current = Scenario;
        var trips = new TaxiTripGenerator(seed + worker * 7919, current);
        var next = DateTime.UtcNow;
        var path = target?.Url ?? $"/v1/models/{model}:predict";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Scenario != current)
            {
                current = Scenario;
                trips = new TaxiTripGenerator(seed + worker * 7919 + (int)current * 104729, current);
            }

            var trip = trips.Next();
            var body = (Sent & 1) == 0 ? Positional(trip) : Named(trip);
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(path, content, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                Interlocked.Increment(ref _sent);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failed);
                }
                else if (VersionOf(bytes) is { } version)
                {
                    _versions.AddOrUpdate(version, 1, (_, n) => n + 1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _sent);
                Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            next += interval;
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            else if (wait < -TimeSpan.FromSeconds(1))
            {
                next = DateTime.UtcNow;
            }
        }
    }

    private static HttpClient Client(string baseUrl, int workers, PredictTarget? target)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = workers };
        if (target?.TrustedCertificate is { } trusted)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString();
        }

        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (target?.BearerToken is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static string? VersionOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("modelVersionId", out var version) ? version.GetString() : null;
    }

    private static byte[] Positional(TaxiTrip t) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{{\"instances\":[[{t.Month},{t.Day},{t.DayOfWeek},{t.Hour},{t.DurationMinutes},{t.DistanceMiles},\"{t.PaymentType}\",\"{t.PickupZone}\",\"{t.DropoffZone}\"]]}}"));

    private static byte[] Named(TaxiTrip t) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        instances = new[]
        {
            new Dictionary<string, object>
            {
                ["trip_month"] = t.Month,
                ["trip_day"] = t.Day,
                ["trip_day_of_week"] = t.DayOfWeek,
                ["trip_hour"] = t.Hour,
                ["trip_duration"] = t.DurationMinutes,
                ["trip_distance"] = t.DistanceMiles,
                ["payment_type"] = t.PaymentType,
                ["pickup_zone"] = t.PickupZone,
                ["dropoff_zone"] = t.DropoffZone,
            },
        },
    });
}
