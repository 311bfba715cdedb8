using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOps.GoogleApis.CloudBuild;
using MlOps.GoogleApis.Monitoring;
using MlOps.GoogleApis.Rest;
using MlOps.GoogleApis.Vertex;
using MlOps.Platform.Configuration;

namespace MlOps.GoogleApis;

public static class GoogleApisExtensions
{
    /// <summary>
    /// The Vertex AI, Cloud Monitoring and Cloud Build clients, from <c>MlOps:Google</c>: bearer tokens and Google's
    /// retries in <see cref="GoogleApiHandler"/> (the standard resilience handler is removed from these
    /// clients so that a call is not retried twice over), and an extra trusted certificate for stand-ins.
    /// </summary>
    public static IHostApplicationBuilder AddGoogleApis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<GoogleApiOptions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AccessTokens>();
        builder.Services.TryAddTransient<GoogleApiHandler>();
        Client<VertexAiClient>(builder.Services, o => o.VertexRoot);
        Client<MonitoringClient>(builder.Services, o => o.MonitoringRoot);
        Client<CloudBuildClient>(builder.Services, o => o.CloudBuildRoot);
        return builder;
    }

    private static void Client<TClient>(IServiceCollection services, Func<GoogleApiOptions, Uri> root)
        where TClient : class
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental
        services.AddHttpClient<TClient>((provider, http) =>
            {
                http.BaseAddress = root(provider.GetRequiredService<IOptions<GoogleApiOptions>>().Value);
                http.Timeout = TimeSpan.FromMinutes(2);
            })
            .RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(provider => Handler(provider.GetRequiredService<IOptions<GoogleApiOptions>>().Value))
            .AddHttpMessageHandler<GoogleApiHandler>();
#pragma warning restore EXTEXP0001
    }

    /// <summary>The system's roots, plus every certificate of the PEM file <c>MlOps:Google:TrustedCertificate</c> when set.</summary>
    public static SocketsHttpHandler Handler(GoogleApiOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.TrustedCertificate is { Length: > 0 } path)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(path);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                {
                    return false;
                }

                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(trusted);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return custom.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }
}
