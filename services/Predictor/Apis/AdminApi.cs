using MlOps.Contracts.Api;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Apis;

/// <summary>How the Deployer steers a local Predictor: traffic splits per model and live per-version counts.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app, PredictorOptions options)
    {
        var root = app.MapGroup("/admin").WithTags("Predictor admin");
        if (options.AdminToken is { Length: > 0 } token)
        {
            root.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers.Authorization == $"Bearer {token}"
                    ? await next(context)
                    : TypedResults.Problem("the admin API needs Authorization: Bearer <Predictor:AdminToken>", statusCode: StatusCodes.Status401Unauthorized));
        }

        root.MapGet("/prediction-log", (Logging.PredictionLog log) => new PredictionLogStatus(log.Written, log.Dropped, log.Queued))
            .WithSummary("Prediction log entries written, dropped because the queue was full, and waiting");
        var admin = root.MapGroup("/endpoints");
        admin.MapGet("/", (EndpointRegistry endpoints) => endpoints.All.Select(Describe)).WithSummary("Every served model with its split and counters");
        admin.MapGet("/{model}", (string model, EndpointRegistry endpoints) =>
            endpoints.Find(model) is { } state ? Results.Ok(Describe(state)) : Results.Problem($"no model named '{model}' is deployed", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One model's split and per-version counters");
        admin.MapPut("/{model}", async (string model, TrafficUpdate update, EndpointRegistry endpoints, CancellationToken cancellationToken) =>
            await endpoints.ApplyAsync(model, update, cancellationToken) is { } problem
                ? Results.Problem(problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "the split was not applied")
                : Results.Ok(Describe(endpoints.Find(model)!)))
            .WithSummary("Load, verify and switch to a traffic split; refused versions take no traffic");
        return app;
    }

    private static EndpointView Describe(EndpointState state) =>
        new(state.Model, state.Split.Select(s => s.Version.Stats(s.Percent)).ToList());
}
