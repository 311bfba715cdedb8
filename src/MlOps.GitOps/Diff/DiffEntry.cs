namespace MlOps.GitOps.Diff;

/// <summary>One key that differs: <see cref="From"/> is null for an added key, <see cref="To"/> for a removed one.</summary>
public sealed record DiffEntry(string Scope, string Key, string? From, string? To)
{
    public string Change => From is null ? "added" : To is null ? "removed" : "changed";
}
