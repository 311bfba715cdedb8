using System.Globalization;
using System.Net;
using System.Text;
using MlOps.Core.Synthetic;

namespace MlOps.Loop.Tests.Fleet;

/// <summary>
/// Clients sending predictions at a steady total rate until stopped, counting every answer. The rate
/// leaves the machine headroom, as an autoscaled service has: the point is the answers, not the throughput.
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private long _ok;
    private long _failed;

    public SteadyLoad(string url, string model, int clients, int requestsPerSecond)
    {
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var trips = new TaxiTripGenerator(17).Generate(4000).Select(Body).ToArray();
        var interval = TimeSpan.FromSeconds((double)clients / requestsPerSecond);
        _clients = [.. Enumerable.Range(0, clients).Select(c => Task.Run(() => RunAsync(model, trips, c, interval)))];
    }

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public List<string> Problems { get; } = [];

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync(string model, string[] trips, int client, TimeSpan interval)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = client; !_stop.IsCancellationRequested; i++)
        {
            try
            {
                var due = interval * (i - client) - System.Diagnostics.Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _stop.Token);
                }

                using var content = new StringContent(trips[i % trips.Length], Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync($"/v1/models/{model}:predict", content, _stop.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _ok);
                }
                else
                {
                    Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail(e.Message);
            }
        }
    }

    private void Fail(string problem)
    {
        Interlocked.Increment(ref _failed);
        lock (Problems)
        {
            Problems.Add(problem);
        }
    }

    private static string Body(TaxiTrip t) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"instances\":[[{t.Month},{t.Day},{t.DayOfWeek},{t.Hour},{t.DurationMinutes},{t.DistanceMiles},\"{t.PaymentType}\",\"{t.PickupZone}\",\"{t.DropoffZone}\"]]}}");
}
