/// <summary>Promotions made while a run lasted: published, and rolled out to every replica before it ended.</summary>
internal sealed record Promotions(int Published, int Completed);
