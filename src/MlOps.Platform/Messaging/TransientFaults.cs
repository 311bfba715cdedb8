using System.Data.Common;
using System.Net.Sockets;

namespace MlOps.Platform.Messaging;

/// <summary>
/// Failures that say a dependency is away for now (the database restarting or failing over, a
/// connection refused or reset, a call timing out), not that the message is bad: a consumer that
/// meets one is retried for minutes rather than seconds before its message is given up as poisoned.
/// </summary>
public static class TransientFaults
{
    /// <summary>How a transiently failing message is retried: about three minutes in all, the longest wait 30 s.</summary>
    public const int RetryLimit = 10;

    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan IntervalDelta = TimeSpan.FromSeconds(1);

    /// <summary>Whether <paramref name="exception"/>, or any exception it wraps, is a dependency being away.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or SocketException or TimeoutException or HttpRequestException
                || (e.GetType().FullName == "Grpc.Core.RpcException" && e.Message.Contains("StatusCode=\"Unavailable\"", StringComparison.Ordinal)))
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }
}
