namespace MlOps.Contracts.Api;

public sealed record AliasChangeView(string Alias, int? FromVersion, int? ToVersion, string Reason, DateTime ChangedAt);
