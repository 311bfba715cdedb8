using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// Whether the caller may call the method on the resource its path names. The resource is the path's name without a
/// model version (<c>@2</c>, <c>@golden</c>) and, for an operation, the resource the operation belongs to. A name in
/// another project is a denial, as Google answers for a project one cannot see; one in another location is not found.
/// </summary>
internal static class Authorization
{
    public static void Check(RouteMatch match, string principal, StandInService service)
    {
        var route = match.Route;
        var resource = ResourceOf(match);
        var segments = resource.Split('/');
        if (segments[1] != service.Project)
        {
            throw RpcErrors.PermissionDenied(route.Permission, resource);
        }

        if (segments.Length >= 4 && segments[2] == "locations" && segments[3] != service.Location)
        {
            throw RpcErrors.NotFound("Location", $"projects/{segments[1]}/locations/{segments[3]}");
        }

        if (service.Permissions is { } permissions && !(permissions.TryGetValue(principal, out var held) && held.Contains(route.Permission)))
        {
            throw RpcErrors.PermissionDenied(route.Permission, resource);
        }
    }

    public static string ResourceOf(RouteMatch match)
    {
        var name = match.PathValues[match.Route.ResourceField];
        var operations = name.IndexOf("/operations/", StringComparison.Ordinal);
        var owner = operations < 0 ? name : name[..operations];
        return string.Join('/', owner.Split('/').Select(segment => segment.Split('@')[0]));
    }
}
