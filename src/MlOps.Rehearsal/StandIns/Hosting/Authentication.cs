using MlOps.Rehearsal.StandIns.Routing;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>The caller a request's <c>Authorization: Bearer &lt;access token&gt;</c> stands for, or 401 as Google answers it.</summary>
internal static class Authentication
{
    public static string Principal(string? authorization, StandInRoute route, Func<string, string?> principalOf)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw RpcErrors.Unauthenticated(missing: true, route.Rpc, route.Permission);
        }

        const string scheme = "Bearer ";
        var token = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : "";
        return token.Length > 0 && principalOf(token) is { Length: > 0 } principal
            ? principal
            : throw RpcErrors.Unauthenticated(missing: false, route.Rpc, route.Permission);
    }
}
