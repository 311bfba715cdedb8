using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>The route a request's method and path select among a stand-in's routes, with the fields its path binds (proto names).</summary>
internal sealed record RouteMatch(StandInRoute Route, IReadOnlyDictionary<string, string> PathValues)
{
    /// <summary>
    /// Google's front end answers a URL no binding takes with 404, a known path asked with another method included;
    /// so does this, in the JSON error shape and naming the methods the path is bound to.
    /// </summary>
    public static RouteMatch Find(IEnumerable<StandInRoute> routes, string method, string path)
    {
        var others = new List<string>();
        foreach (var route in routes)
        {
            if (!route.Rule.TryMatch(path, out var values))
            {
                continue;
            }

            if (string.Equals(route.Rule.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route, values);
            }

            others.Add(route.Rule.Method);
        }

        var hint = others.Count == 0 ? "" : $" (that path is bound to {string.Join(", ", others.Distinct())}, not {method})";
        throw new RpcException(RpcCode.NotFound, $"The requested URL {path} was not found on this server{hint}.");
    }
}
