/// <summary>A line the CLI wrote, with the moment it arrived.</summary>
internal sealed record CliLine(DateTime At, string Text);
