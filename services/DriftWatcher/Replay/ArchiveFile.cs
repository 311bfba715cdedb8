namespace MlOps.DriftWatcher.Replay;

/// <summary>One file of a log archive: its path, its name relative to the archive folder, and the hour its name says it holds (null when it is not named as a sink names files).</summary>
public sealed record ArchiveFile(string Path, string Name, DateTimeOffset? Hour, long Bytes);
