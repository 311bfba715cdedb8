using Microsoft.Extensions.Options;
using MlOps.Deployer.Apis;
using MlOps.Deployer.Consumers;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Rollout;
using MlOps.Deployer.Targets;
using MlOps.Deployer.Telemetry;
using MlOps.Platform.Configuration;
using MlOps.Platform.Messaging;
using MlOps.Platform.Storage;
using MlOps.Platform.Telemetry;

namespace MlOps.Deployer;

public static class DeployerExtensions
{
    public const string PredictorUrlKey = "services:predictor:http:0";
    public const string DefaultPredictorUrl = "http://127.0.0.1:8080";

    /// <summary>The Deployer module: turns promotions into traffic changes, immediate or canary, with history.</summary>
    public static IHostApplicationBuilder AddDeployer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<DeployerOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<DeploymentsDbContext>(DeployerOptions.ConnectionName, services => services.GetRequiredService<IOptions<DeployerOptions>>().Value.Database, "deployments.db");

        var predictorUrl = builder.ReadSetting(PredictorUrlKey, DefaultPredictorUrl);
        builder.Services.AddHttpClient<IEndpointTarget, PredictorTarget>((services, http) =>
        {
            http.BaseAddress = new Uri(predictorUrl);
            if (services.GetRequiredService<IOptions<DeployerOptions>>().Value.PredictorAdminToken is { Length: > 0 } token)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
        });
        builder.Services.AddScoped<RolloutEngine>();
        builder.Services.AddSingleton<RolloutLock>();
        builder.Services.AddMetrics<DeployerMetrics>();
        builder.Services.AddHostedService<RolloutWorker>();

        builder.Messaging().AddConsumer<ModelPromotedConsumer>(EndpointNames.Deployer);
        return builder;
    }

    public static WebApplication MapDeployer(this WebApplication app)
    {
        app.MapDeploymentsApi();
        return app;
    }
}
