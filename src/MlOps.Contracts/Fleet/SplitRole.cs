namespace MlOps.Contracts.Fleet;

public enum SplitRole
{
    /// <summary>Answers its share of the requests.</summary>
    Serving,

    /// <summary>Scores a copy of every request; compared with the answer given, never returned.</summary>
    Shadow,
}
