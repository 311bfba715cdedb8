using System.Diagnostics;

/// <summary>Polling for a condition of the fleet, at most 60 s; an HTTP call that fails meanwhile counts as not yet.</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"waited 60 s for {what()}");
            }

            await Task.Delay(50);
        }
    }
}
