using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Configuration;

namespace MlOps.Platform.Identity;

public static class IdentityExtensions
{
    /// <summary>The authorization policy of the endpoints other services call.</summary>
    public const string ServiceCallers = "service-callers";

    /// <summary>Calls through this client carry an ID token for the callee when <c>MlOps:Identity:Tokens</c> says where to get one.</summary>
    public static IHttpClientBuilder WithIdToken(this IHttpClientBuilder client)
    {
        client.Services.AddHttpClient(IdTokenHandler.MetadataClient, http => http.Timeout = TimeSpan.FromSeconds(10));
        client.Services.TryAddTransient<IdTokenHandler>();
        return client.AddHttpMessageHandler<IdTokenHandler>();
    }

    /// <summary>
    /// Verifies the ID tokens other services present when <c>MlOps:Identity:Audience</c> is set:
    /// signed by the issuer (keys from its OpenID configuration), issued for this service, unexpired.
    /// Without an audience, endpoints under <see cref="ServiceCallers"/> are open (local runs).
    /// </summary>
    public static IHostApplicationBuilder AddServiceIdentity(this IHostApplicationBuilder builder)
    {
        var options = builder.Settings<IdentityOptions>();
        if (options.Audience is not { Length: > 0 } audience)
        {
            builder.Services.AddAuthorizationBuilder().AddPolicy(ServiceCallers, policy => policy.RequireAssertion(_ => true));
            return builder;
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Authority = options.Issuer;
            jwt.RequireHttpsMetadata = options.Issuer.StartsWith("https://", StringComparison.Ordinal);
            jwt.Audience = audience;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
            jwt.TokenValidationParameters.ValidAudience = audience;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(ServiceCallers, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return builder;
    }
}
