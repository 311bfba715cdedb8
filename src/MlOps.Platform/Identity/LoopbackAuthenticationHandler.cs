using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Identity;

/// <summary>
/// The scheme of a service without <c>MlOps:Identity:Audience</c> (local runs: the embedded loop, the AppHost,
/// tests): a caller on this machine — loopback, or no network peer at all — is authenticated as <c>loopback</c>;
/// anyone else is refused with 403 and a problem saying why, so a service started without its audience never
/// lets the network change its state. Forwarded-for headers are not read: a reverse proxy on this machine makes
/// every caller local, which is why every environment sets an audience.
/// </summary>
internal sealed class LoopbackAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "loopback";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(IsLocal(Context.Connection.RemoteIpAddress)
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Name)], Name)), Name))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    private Task RefuseAsync() =>
        TypedResults.Problem(
            $"MlOps:Identity:Audience is not set, so this route answers only callers on this machine and {Context.Connection.RemoteIpAddress} is not one; set the service's audience (its own URL) to accept ID tokens instead",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);

    private static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
