namespace MlOps.WebConsole.Tests.Browser;

/// <summary>When in the life of the shared loop a test runs: the tests share one loop, so order is part of what they mean.</summary>
public enum LoopStage
{
    /// <summary>While the loop still runs, before v2 exists.</summary>
    Running,

    /// <summary>After the loop closed, before any test changes what it left.</summary>
    Closed,

    /// <summary>Last: the tests that act on the loop (retrain, promote, roll back).</summary>
    Acting,
}
