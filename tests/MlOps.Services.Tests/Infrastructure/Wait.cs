using MassTransit.Testing;

namespace MlOps.Services.Tests.Infrastructure;

internal static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>The first published message of type <typeparamref name="T"/> matching the filter, or a failure that says what was awaited.</summary>
    public static async Task<T> Published<T>(ITestHarness harness, Func<T, bool>? filter = null, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        using var cancellation = new CancellationTokenSource(timeout ?? Default);
        try
        {
            await foreach (var message in harness.Published.SelectAsync<T>(m => filter?.Invoke(m.Context.Message) ?? true, cancellation.Token))
            {
                return message.Context.Message;
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"waited {(timeout ?? Default).TotalSeconds:F0} s for {what ?? typeof(T).Name} to be published");
    }

    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {(timeout ?? Default).TotalSeconds:F0} s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
