using System.Security.Cryptography;
using System.Text;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Platform.Identity;
using MlOps.Predictor.Fleet;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Apis;

/// <summary>
/// What one replica serves and how it follows the fleet: read-only, behind <c>Predictor:AdminToken</c> when set,
/// else open to the readers <c>MlOps:Identity:ReadOnly</c> admits (both would use the Authorization header).
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app, PredictorOptions options)
    {
        var root = app.MapGroup("/admin").WithTags("Predictor admin");
        if (options.AdminToken is { Length: > 0 } token)
        {
            var expected = Encoding.UTF8.GetBytes($"Bearer {token}");
            root.AddEndpointFilter(async (context, next) =>
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers.Authorization.ToString()), expected)
                    ? await next(context)
                    : TypedResults.Problem("the admin API needs Authorization: Bearer <Predictor:AdminToken>", statusCode: StatusCodes.Status401Unauthorized));
        }
        else
        {
            root.RequireReader();
        }

        root.MapGet("/prediction-log", (Logging.PredictionLog log) => new PredictionLogStatus(log.Written, log.Dropped, log.Queued))
            .WithSummary("Prediction log entries written, dropped because the queue was full, and waiting");
        root.MapGet("/fleet", (ReplicaIdentity replica, FleetLink link, EndpointRegistry endpoints) =>
                new ReplicaStatus(replica.Id, replica.StartedAt, endpoints.Revision, endpoints.AppliedAt,
                    endpoints.All.ToDictionary(s => s.Model, s => s.Generation), link.Following, link.LastContact, link.LastProblem))
            .WithSummary("This replica: the revision of the desired state it serves, and whether it reaches the Deployer");
        var admin = root.MapGroup("/endpoints");
        admin.MapGet("/", (EndpointRegistry endpoints) => endpoints.All.Select(Describe)).WithSummary("Every served model with its split and counters");
        admin.MapGet("/{model}", (string model, EndpointRegistry endpoints) =>
            endpoints.Find(model) is { } state ? Results.Ok(Describe(state)) : Results.Problem($"no model named '{model}' is deployed", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One model's split and per-version counters")
            .Produces<EndpointView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static EndpointView Describe(EndpointState state) =>
        new(state.Model, state.Generation, [.. state.Split.Select(s => s.Stats())], state.Shadow?.Stats());
}
