using System.Globalization;
using MlOps.Rehearsal.Front;

/// <summary>
/// The project's front (<see cref="FrontProxy"/>: YARP, round-robin over the replicas) as its own
/// process, so its CPU is its own and not the bench driver's: <c>--front PORT URL...</c>, until killed.
/// </summary>
internal static class FrontHost
{
    public static async Task RunAsync(string[] args)
    {
        await using var front = await FrontProxy.StartAsync(int.Parse(args[0], CultureInfo.InvariantCulture));
        for (var i = 1; i < args.Length; i++)
        {
            front.Add($"r{i}", new Uri(args[i].TrimEnd('/') + "/"));
        }

        await Task.Delay(Timeout.Infinite);
    }
}
