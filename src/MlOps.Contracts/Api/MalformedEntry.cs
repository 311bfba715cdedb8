namespace MlOps.Contracts.Api;

public sealed record MalformedEntry(string Problem, string? Model, int? Version, DateTimeOffset At);
