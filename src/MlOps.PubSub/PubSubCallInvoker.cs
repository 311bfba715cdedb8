using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MlOps.PubSub;

/// <summary>Runs a unary call with a per-attempt deadline, retrying UNAVAILABLE and
/// DEADLINE_EXCEEDED with exponential backoff and jitter.</summary>
internal sealed class PubSubCallInvoker(PubSubRetrySettings settings, ILogger logger, TimeProvider time)
{
    public async Task<T> RunAsync<T>(string operation, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
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
                throw new OperationCanceledException($"Pub/Sub {operation} was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (IsRetryable(e.StatusCode) && attempt < settings.MaxAttempts)
            {
                var delay = Jitter(backoff);
                logger.LogDebug("Pub/Sub {Operation} failed with {Status} (attempt {Attempt}); retrying in {Delay}", operation, e.StatusCode, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                backoff = settings.Next(backoff);
            }
        }
    }

    public static bool IsRetryable(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    private static TimeSpan Jitter(TimeSpan backoff) => TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + Random.Shared.NextDouble() / 2)));
}
