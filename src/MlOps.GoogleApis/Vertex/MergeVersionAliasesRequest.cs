namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.MergeVersionAliasesRequest: <c>alias</c> adds, <c>-alias</c> removes.</summary>
public sealed record MergeVersionAliasesRequest(IReadOnlyList<string> VersionAliases);
