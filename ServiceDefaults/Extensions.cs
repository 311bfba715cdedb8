using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every MlOps service host shares: OpenTelemetry traces, metrics and logs (exported over OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; outside development the logs go to stdout as Cloud
/// Logging structured lines instead), health endpoints, service discovery, HTTP resilience and Cloud
/// Run's <c>PORT</c>.
/// </summary>
public static class Extensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Startup: only the checks tagged <see cref="StartedTag"/> (what must hold before any traffic); Cloud Run's startup probe.</summary>
    public const string StartedPath = "/started";

    public const string StartedTag = "started";

    /// <summary>Cloud Run's port variable.</summary>
    public const string PortVariable = "PORT";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Read by the OpenTelemetry SDK for the service's resource name.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>What every host reads through its service defaults (docs/configuration.md, "Every service").</summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } = [PortVariable, OtlpEndpointVariable, ServiceNameVariable];

    private const string PubSubGrpcPrefix = "/google.pubsub.v1.";

    /// <summary>Activity sources and meters of the MlOps services and MassTransit.</summary>
    public static readonly string[] TelemetrySources = ["MlOps.*", "MassTransit"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.UseCloudRunPort();

        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());

            // A body naming a field twice would be read as its last value, where a proxy or log may read the first.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });

        // A body or parameter that cannot be bound is thrown to BadRequestProblems, which answers with the field named.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequestProblems.Customize);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        if (!builder.Environment.IsDevelopment())
        {
            builder.AddCloudLoggingConsole();
        }

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources))
            .WithTracing(tracing => tracing
                .AddSource(TelemetrySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                // The Pub/Sub transport's own gRPC calls (pulls every few hundred milliseconds) would each be
                // a trace of their own; MassTransit's send and receive spans already cover the messages.
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                    request.RequestUri?.AbsolutePath.StartsWith(PubSubGrpcPrefix, StringComparison.Ordinal) != true));

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            return builder;
        }

        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        else
        {
            // Outside development the logs already reach Cloud Logging as structured lines on stdout
            // (AddCloudLoggingConsole); sending them over OTLP too would file every entry twice.
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Health on <c>/health</c> (every check: ready to serve), startup on <c>/started</c> (the checks
    /// tagged <see cref="StartedTag"/>), liveness on <c>/alive</c>, the OpenAPI
    /// document on <c>/openapi/v1.json</c> and a browsable reference on <c>/scalar/v1</c>; a request that cannot be
    /// bound is answered as problem+json naming the field (<see cref="BadRequestProblems"/>), and any other error
    /// status without a body gets a problem body.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(StartedPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(StartedTag) || r.Tags.Contains("live") });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }

    // Cloud Run tells the container which port to listen on through PORT.
    private static void UseCloudRunPort<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration[PortVariable] is { Length: > 0 } port && builder is WebApplicationBuilder web
            && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            web.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }
    }
}
