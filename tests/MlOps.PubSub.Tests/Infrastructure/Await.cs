namespace MlOps.PubSub.Tests.Infrastructure;

/// <summary>Awaits that fail with what they waited for instead of hanging the run.</summary>
internal static class Await
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static async Task<T> Within<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Default).TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    public static async Task Within(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? Default).TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? Default).TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
