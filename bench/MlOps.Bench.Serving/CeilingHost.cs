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
