using System.Net;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>Polls a serving container's health route, as Vertex AI does before it routes traffic to it, until it answers 200.</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PerTry = TimeSpan.FromSeconds(5);

    public static async Task<HealthVerdict> WaitAsync(HttpClient http, Uri health, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var last = "no answer";
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(PerTry);
            try
            {
                using var answer = await http.GetAsync(health, attempt.Token);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return new HealthVerdict(Healthy: true, "HTTP 200");
                }

                last = $"HTTP {(int)answer.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e.Message;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new HealthVerdict(Healthy: false, last);
            }

            await Task.Delay(Interval, time, cancellationToken);
        }
    }
}
