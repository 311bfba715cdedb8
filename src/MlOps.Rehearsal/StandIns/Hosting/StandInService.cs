namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// What the shared checks need to know of the API a stand-in serves: its name (in the stand-in's own messages), the one
/// project and location it serves, the principal each access token stands for, and what each principal may do (null
/// allows every principal everything).
/// </summary>
internal sealed record StandInService(
    string Name,
    string Project,
    string Location,
    Func<string, string?> Principal,
    IReadOnlyDictionary<string, IReadOnlySet<string>>? Permissions);
