using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Configuration;

namespace MlOps.Platform.Identity;

public static class IdentityExtensions
{
    /// <summary>The authorization policy of the endpoints other services call (a replica's desired state and reports): any principal the token check accepts.</summary>
    public const string ServiceCallers = "service-callers";

    /// <summary>The authorization policy of every route that changes state: the token check, then <c>MlOps:Identity:Callers</c> when it is set.</summary>
    public const string StateChanging = "state-changing";

    /// <summary>The authorization policy of the read-only routes: open, or the token check, as <c>MlOps:Identity:ReadOnly</c> says.</summary>
    public const string Readers = "readers";

    private static readonly object AddedKey = typeof(IdentityOptions);

    /// <summary>Calls through this client carry an ID token for the callee when <c>MlOps:Identity:Tokens</c> says where to get one.</summary>
    public static IHttpClientBuilder WithIdToken(this IHttpClientBuilder client)
    {
        client.Services.AddHttpClient(IdTokenHandler.MetadataClient, http => http.Timeout = TimeSpan.FromSeconds(10));
        client.Services.TryAddTransient<IdTokenHandler>();
        return client.AddHttpMessageHandler<IdTokenHandler>();
    }

    /// <summary>
    /// The policies <see cref="ServiceCallers"/>, <see cref="StateChanging"/> and <see cref="Readers"/>. With
    /// <c>MlOps:Identity:Audience</c> set they verify the caller's ID token: signed by the issuer (keys from its
    /// OpenID configuration), issued for this service, unexpired (401 otherwise), and for state changes from one of
    /// <c>MlOps:Identity:Callers</c> when it is set (403 otherwise). Without an audience (local runs) they answer only
    /// loopback callers (403 for anyone else) — never the network. Safe to call from every module of one host:
    /// the first call registers, later ones do nothing.
    /// </summary>
    public static IHostApplicationBuilder AddServiceIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Settings<IdentityOptions>();
        if (!builder.Properties.TryAdd(AddedKey, true))
        {
            return builder;
        }

        var callers = options.CallerSet();
        var anyone = new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();
        if (options.Audience is not { Length: > 0 } audience)
        {
            if (callers.Count > 0)
            {
                throw new InvalidOperationException("MlOps:Identity:Callers needs MlOps:Identity:Audience: without an audience callers present no token that names them");
            }

            builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, LoopbackAuthenticationHandler>(LoopbackAuthenticationHandler.Name, null);
            var local = Authenticated(LoopbackAuthenticationHandler.Name);
            builder.Services.AddAuthorizationBuilder()
                .AddPolicy(ServiceCallers, local)
                .AddPolicy(StateChanging, local)
                .AddPolicy(Readers, options.ReadOnly == ReadAccess.Open ? anyone : local);
            return builder;
        }

        // No default scheme: only routes under these policies read a token, so the public prediction route never pays for one.
        builder.Services.AddAuthentication().AddJwtBearer(jwt =>
        {
            jwt.Authority = options.Issuer;
            jwt.RequireHttpsMetadata = options.Issuer.StartsWith("https://", StringComparison.Ordinal);
            jwt.Audience = audience;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
            jwt.TokenValidationParameters.ValidAudience = audience;
            jwt.Events = IdTokenProblems.For(audience);
        });
        var token = Authenticated(JwtBearerDefaults.AuthenticationScheme);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ServiceCallers, token)
            .AddPolicy(StateChanging, callers.Count == 0 ? token : new AuthorizationPolicyBuilder(token).AddRequirements(new ListedCallerRequirement(callers)).Build())
            .AddPolicy(Readers, options.ReadOnly == ReadAccess.Open ? anyone : token);
        return builder;
    }

    /// <summary>The route changes state: it answers only callers <see cref="StateChanging"/> admits.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(StateChanging);

    /// <summary>The routes only read: they answer whoever <see cref="Readers"/> admits (<c>MlOps:Identity:ReadOnly</c>).</summary>
    public static TBuilder RequireReader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Readers);

    private static AuthorizationPolicy Authenticated(string scheme) =>
        new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser().Build();
}
