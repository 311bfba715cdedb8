namespace MlOps.Contracts.Api;

/// <summary>
/// <c>POST /api/drift/replay</c> on the DriftWatcher: replay a folder of archived prediction log entries (a log sink's
/// hourly files, relative to the artifact root) through fresh windows; with <paramref name="RaiseAlert"/>, drift it
/// finds is published as live monitoring would publish it.
/// </summary>
public sealed record ReplayRequest(string? Folder, string? Model, bool RaiseAlert = false);
