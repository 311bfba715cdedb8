using MassTransit.Testing;

namespace MlOps.Services.Tests.Infrastructure;

internal static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>The first published message of type <typeparamref name="T"/> matching the filter, or a failure that says what was awaited.</summary>
    public static async Task<T> Published<T>(ITestHarness harness, Func<T, bool>? filter = null, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        // Polled against our own deadline: the harness's own waits end after a short inactivity.
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (DateTime.UtcNow < deadline)
        {
            var found = harness.Published.Select<T>(m => filter?.Invoke(m.Context.Message) ?? true).FirstOrDefault();
            if (found is not null)
            {
                return found.Context.Message;
            }

            await Task.Delay(50);
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

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {(timeout ?? Default).TotalSeconds:F0} s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
