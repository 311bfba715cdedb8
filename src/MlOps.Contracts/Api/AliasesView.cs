namespace MlOps.Contracts.Api;

/// <summary>A model's aliases (<c>champion</c>, <c>serving</c>) and every move they made, newest first.</summary>
public sealed record AliasesView(IReadOnlyDictionary<string, int> Aliases, IReadOnlyList<AliasChangeView> History);
