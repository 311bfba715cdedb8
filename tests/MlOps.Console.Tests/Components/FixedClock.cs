namespace MlOps.WebConsole.Tests.Components;

/// <summary>A clock that stays at one instant, so "read at" reads the same on every run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
