namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// An error the stand-in answers instead of serving: to the next <see cref="Times"/> requests with this HTTP
/// <see cref="Method"/> whose path contains <see cref="PathContains"/> (e.g. <c>":upload"</c>), once the path has
/// matched a binding and before any other check. A PERMISSION_DENIED carries the ErrorInfo (permission, resource)
/// of the method's real denial.
/// </summary>
public sealed record StandInFault(string Method, string PathContains, RpcCode Code)
{
    public int Times { get; init; } = 1;

    /// <summary>Sent as <c>Retry-After: &lt;whole seconds&gt;</c> when given.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The error's message; a generic one for the code when not given.</summary>
    public string? Message { get; init; }
}
