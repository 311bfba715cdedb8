namespace MlOps.Rehearsal.StandIns;

/// <summary>A running serving container; disposing it stops it.</summary>
public interface IServingContainer : IAsyncDisposable
{
    /// <summary>Where the container listens; its predict and health routes are resolved against it.</summary>
    public Uri BaseAddress { get; }
}
