namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// The serving containers that are running, so that each is stopped exactly once: when its model is undeployed, when
/// its deployment fails or is abandoned, or when the stand-in stops.
/// </summary>
internal sealed class ServingContainers
{
    private readonly Lock _gate = new();
    private readonly HashSet<IServingContainer> _running = [];

    public void Started(IServingContainer container)
    {
        lock (_gate)
        {
            _running.Add(container);
        }
    }

    public async Task StopAsync(IServingContainer container)
    {
        bool running;
        lock (_gate)
        {
            running = _running.Remove(container);
        }

        if (running)
        {
            await container.DisposeAsync();
        }
    }

    public async Task StopAllAsync()
    {
        IServingContainer[] running;
        lock (_gate)
        {
            running = [.. _running];
            _running.Clear();
        }

        foreach (var container in running)
        {
            await container.DisposeAsync();
        }
    }
}
