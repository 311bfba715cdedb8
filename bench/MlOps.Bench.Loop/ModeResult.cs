/// <summary>What one mode gave: its runs, or why it could not run here.</summary>
internal sealed record ModeResult(string Mode, string How, IReadOnlyList<LoopRun> Runs, string? NotRun = null, string? Note = null);
