namespace MlOps.Contracts.Api;

/// <summary>
/// What a replay of a log archive found: the entries read (<paramref name="Skipped"/> of another model or kind,
/// <paramref name="Malformed"/> set aside, the first of them with file and line), each window it closed, the rows
/// left in windows too small to judge, and the alerts it would have raised.
/// </summary>
public sealed record ReplayReport(
    string Folder,
    string? Model,
    int Files,
    long Entries,
    long Skipped,
    long Malformed,
    IReadOnlyList<ReplayMalformedLine> MalformedSamples,
    IReadOnlyList<ReplayWindow> Windows,
    long PendingRows,
    bool DriftFound,
    IReadOnlyList<DriftDetected> Alerts,
    bool AlertPublished = false);
