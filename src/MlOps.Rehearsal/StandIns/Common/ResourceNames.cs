namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>The names of resources in the one project and location the stand-in serves.</summary>
internal sealed class ResourceNames(string project, string location)
{
    public string Project { get; } = project;

    public string LocationId { get; } = location;

    /// <summary><c>projects/{project}/locations/{location}</c></summary>
    public string Location { get; } = $"projects/{project}/locations/{location}";

    public string Model(string id) => $"{Location}/models/{id}";

    public string Endpoint(string id) => $"{Location}/endpoints/{id}";

    public string CustomJob(string id) => $"{Location}/customJobs/{id}";

    /// <summary>The last segment of <paramref name="name"/> when it names a member of that collection here (<c>m@2</c> for <c>…/models/m@2</c>); null otherwise.</summary>
    public string? IdIn(string collection, string name)
    {
        var prefix = $"{Location}/{collection}/";
        var id = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : "";
        return id.Length > 0 && !id.Contains('/') ? id : null;
    }
}
