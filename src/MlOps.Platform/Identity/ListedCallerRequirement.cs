using Microsoft.AspNetCore.Authorization;

namespace MlOps.Platform.Identity;

/// <summary>
/// <c>MlOps:Identity:Callers</c>: only the listed principals may change state. The principal is the token's
/// verified <c>email</c> claim (a Google ID token names its service account or user there).
/// </summary>
internal sealed class ListedCallerRequirement(IReadOnlySet<string> callers) : AuthorizationHandler<ListedCallerRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ListedCallerRequirement requirement)
    {
        if (IdTokenProblems.Email(context.User) is { } email && callers.Contains(email))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
