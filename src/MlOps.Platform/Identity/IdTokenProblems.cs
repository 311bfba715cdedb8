using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace MlOps.Platform.Identity;

/// <summary>What a refused caller is told: a problem body naming what was missing, never the token or why its check failed in detail.</summary>
internal static class IdTokenProblems
{
    public static JwtBearerEvents For(string audience) => new()
    {
        OnChallenge = context =>
        {
            context.HandleResponse();
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var refused = context.AuthenticateFailure is null ? "" : "; the token presented was refused (another audience or issuer, a bad signature, or expired)";
            return TypedResults.Problem($"this route needs Authorization: Bearer <an ID token issued for {audience}>{refused}", statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(context.HttpContext);
        },
        OnForbidden = context =>
            TypedResults.Problem($"{Email(context.HttpContext.User) ?? "a caller without a verified email"} may not change state here: only MlOps:Identity:Callers may", statusCode: StatusCodes.Status403Forbidden)
                .ExecuteAsync(context.HttpContext),
    };

    /// <summary>The caller's email, when the token vouches for it.</summary>
    public static string? Email(ClaimsPrincipal user) =>
        user.FindFirst("email")?.Value is { Length: > 0 } email && string.Equals(user.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase)
            ? email
            : null;
}
