namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <param name="LastAnswer">What the health route answered last: <c>HTTP 200</c>, <c>HTTP 503</c>, or why there was no answer.</param>
internal sealed record HealthVerdict(bool Healthy, string LastAnswer);
