using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MlOps.WebConsole.Identity;

/// <summary>Who may look at the console and who may act through it.</summary>
public static class ConsoleUsers
{
    public const string Scheme = "console-user";
    public const string Viewers = "console-viewers";
    public const string Operators = "console-operators";
    public const string LocalOperator = "local operator";

    internal static void Add(IServiceCollection services, ConsoleOptions options)
    {
        if (options.Iap.Audience is { Length: > 0 })
        {
            services.AddHttpClient(IapKeys.Client, http => http.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton<IapKeys>();
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, IapAuthenticationHandler>(Scheme, null);
        }
        else
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, LocalUserHandler>(Scheme, null);
        }

        var operators = options.OperatorSet();
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewers, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(Operators, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => operators.Count == 0 || operators.Contains(NameOf(c.User))));
    }

    /// <summary>The user as the console names them in what it asks the services to do.</summary>
    public static string NameOf(ClaimsPrincipal user) =>
        user.FindFirst("email")?.Value ?? user.Identity?.Name ?? "unknown user";
}

/// <summary>Without IAP (<c>mlops loop --serve</c>, the AppHost): the person at this machine, and nobody else.</summary>
internal sealed class LocalUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(IsLocal(Context.Connection.RemoteIpAddress)
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, ConsoleUsers.LocalOperator)], Scheme.Name)), Scheme.Name))
            : AuthenticateResult.Fail($"Console:Iap:Audience is not set, so the console serves only this machine and {Context.Connection.RemoteIpAddress} is not on it"));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync($"The console answers only this machine: Console:Iap:Audience is not set, and {Context.Connection.RemoteIpAddress} is not local. Put the console behind IAP to open it to people.");
    }

    private static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
