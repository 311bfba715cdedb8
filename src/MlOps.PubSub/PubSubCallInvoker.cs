using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MlOps.PubSub;

/// <summary>Runs a unary call with a per-attempt deadline, retrying the statuses Google's service
/// config lists for that method (<see cref="PubSubRetrySettings.Retries"/>) with exponential backoff and jitter.</summary>
internal sealed class PubSubCallInvoker(PubSubRetrySettings settings, ILogger logger, TimeProvider time)
{
    public async Task<T> RunAsync<T>(PubSubMethod method, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        var backoff = settings.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var options = new CallOptions(deadline: time.GetUtcNow().UtcDateTime + settings.AttemptTimeout, cancellationToken: cancellationToken);
            try
            {
                return await call(options).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Pub/Sub {method} was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (PubSubRetrySettings.Retries(method, e.StatusCode) && attempt < settings.MaxAttempts)
            {
                var delay = Jitter(backoff);
                logger.LogDebug("Pub/Sub {Operation} failed with {Status} (attempt {Attempt}); retrying in {Delay}", method, e.StatusCode, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                backoff = settings.Next(backoff);
            }
        }
    }

    private static TimeSpan Jitter(TimeSpan backoff) => TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + Random.Shared.NextDouble() / 2)));
}
