namespace MlOps.Rehearsal.Running;

/// <summary>A revision whose instances never passed their startup probe, reported as Cloud Run reports it.</summary>
public sealed class RevisionNotReadyException(string service, string revision, string lastAnswer, string output)
    : Exception($"Revision '{revision}' of service '{service}' is not ready and cannot serve traffic. The startup probe failed: {lastAnswer}")
{
    public string Service { get; } = service;

    public string Revision { get; } = revision;

    public string LastAnswer { get; } = lastAnswer;

    /// <summary>What the failing instance wrote last.</summary>
    public string Output { get; } = output;
}
