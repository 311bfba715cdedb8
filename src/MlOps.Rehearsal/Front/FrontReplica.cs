namespace MlOps.Rehearsal.Front;

/// <summary>One replica behind a <see cref="FrontProxy"/>, with what the front has seen of it.</summary>
public sealed class FrontReplica(string name, Uri address)
{
    private long _requests;
    private long _failures;
    private long _inFlight;
    private long _refused;
    private long _downUntil;

    public string Name { get; } = name;

    public Uri Address { get; } = address;

    /// <summary>Requests it answered (any status).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that failed after they reached it (the connection broke mid-request).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Requests it holds right now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Connections it refused; each such request went to another replica.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    internal bool IsDown(long now) => Interlocked.Read(ref _downUntil) > now;

    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void Answered() => Interlocked.Increment(ref _requests);

    internal void Failed() => Interlocked.Increment(ref _failures);

    internal void RefusedUntil(long until)
    {
        Interlocked.Increment(ref _refused);
        Interlocked.Exchange(ref _downUntil, until);
    }
}
