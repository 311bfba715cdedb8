using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Messaging;
using MlOps.Predictor;
using MlOps.Predictor.Apis;

/// <summary>
/// The Predictor host exactly as services/Predictor.Host composes it, plus one endpoint the product
/// does not have: a constant answer after the same body reading — what serving costs without a model.
/// </summary>
internal static class CeilingHost
{
    public const string Route = "/v1/ceiling:predict";

    /// <summary>The bench host's own: bytes allocated and garbage collections so far, to count per request.</summary>
    public const string HeapRoute = "/bench/heap";

    private static readonly byte[] Answer = """{"predictions":[{"probability":0.5,"label":"1"}],"deployedModelId":"ceiling@0","model":"ceiling","modelVersionId":"0"}"""u8.ToArray();

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddPredictor();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPredictor();
        app.MapPost(Route, Ceiling);
        app.MapGet(HeapRoute, () => new HeapStats(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds));
        // For finding where a request's bytes go (not run by the benchmark): BENCH_ALLOCATION_TICKS=1 adds the bytes by type since the last reset.
        if (Environment.GetEnvironmentVariable("BENCH_ALLOCATION_TICKS") == "1")
        {
            var sampler = new AllocationSampler();
            app.MapGet("/bench/allocations", () => sampler.Top(200).Select(x => $"{x.Value,14:N0} {x.Key}"));
            app.MapPost("/bench/allocations/reset", sampler.Reset);
        }

        await app.RunAsync();
    }

    private static async Task Ceiling(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, 1024 * 1024);
        body.Release(context.Request.BodyReader);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Answer.Length;
        await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
    }
}
