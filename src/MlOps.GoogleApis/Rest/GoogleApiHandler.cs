using System.Net;
using System.Net.Http.Headers;

namespace MlOps.GoogleApis.Rest;

/// <summary>
/// Every call to a Google API: a bearer token from <see cref="AccessTokens"/>, and the retries Google
/// asks for — 429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE (also 500/502/504), after the server's
/// <c>Retry-After</c> when it gives one, else with exponential backoff and jitter.
/// </summary>
public sealed class GoogleApiHandler(AccessTokens tokens, TimeProvider time) : DelegatingHandler
{
    public const int MaxAttempts = 6;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Buffered, so that a retry sends the same body again.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
            var response = await base.SendAsync(request, cancellationToken);
            if (!Retryable(response.StatusCode) || attempt == MaxAttempts)
            {
                return response;
            }

            var delay = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    public static bool Retryable(HttpStatusCode code) => code is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, MaxDelay.Ticks)) : null;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, 250 * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
