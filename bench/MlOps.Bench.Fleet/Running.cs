/// <summary>A process of the fleet and its URL.</summary>
internal sealed record Running(Server Process, string Url);
