using System.Buffers;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Apis;

public static class PredictApi
{
    public const string ModelRoute = "/v1/models/{model}:predict";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_output;

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder app, PredictorOptions options, VertexAiContract vertex)
    {
        // One plain parameter segment ("{model}:predict" is split by hand): a complex segment would
        // send every request through the slower pattern matcher.
        var service = app.ServiceProvider.GetRequiredService<PredictionService>();
        app.MapPost("/v1/models/{target}", (Func<HttpContext, Task>)(context =>
            {
                var target = (string)context.Request.RouteValues["target"]!;
                return target.EndsWith(":predict", StringComparison.Ordinal)
                    ? Handle(context, target, ":predict".Length, service, options)
                    : NotFound(context, target);
            }))
            .WithName("Predict")
            .WithDescription("target is {model}:predict, e.g. /v1/models/taxi-tips:predict")
            .WithTags("Predictor")
            .WithSummary("Vertex AI style online prediction: {\"instances\": [...]} → {\"predictions\": [...]}")
            .Accepts<PredictRequestDoc>("application/json")
            .Produces<PredictResponseDoc>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        if (vertex.PredictRoute is { } route && route != ModelRoute)
        {
            app.MapPost(route, (HttpContext context) => Handle(context, options.DefaultModel, 0, service, options)).ExcludeFromDescription();
        }

        return app;
    }

    // The model is target without its last <paramref name="suffix"/> characters, read as a span to allocate nothing.
    private static async Task Handle(HttpContext context, string target, int suffix, PredictionService service, PredictorOptions options)
    {
        var body = await RequestBody.ReadAsync(context.Request, options.MaxBodyBytes);

        // Nothing awaits from here until the answer is copied into the response pipe, so one buffer per thread serves every request.
        var output = t_output ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        PredictStatus status;
        if (body.TooLarge)
        {
            status = PredictStatus.TooLarge;
            ErrorBody(output, status, $"the request body is larger than the limit of {options.MaxBodyBytes} bytes");
        }
        else
        {
            status = service.Predict(target.AsSpan(0, target.Length - suffix), body.Bytes, output);
        }

        body.Release(context.Request.BodyReader);
        var response = context.Response;
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength = output.WrittenCount;
        response.BodyWriter.Write(output.WrittenSpan);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task NotFound(HttpContext context, string target)
    {
        var output = new ArrayBufferWriter<byte>(256);
        ErrorBody(output, PredictStatus.NotFound, $"'{target}' is not a method of /v1/models: use /v1/models/{{model}}:predict");
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted);
    }


    private static void ErrorBody(ArrayBufferWriter<byte> output, PredictStatus status, string message)
    {
        using var writer = new System.Text.Json.Utf8JsonWriter(output);
        ResponseWriter.WriteError(writer, status, message);
    }

    // Shapes for the OpenAPI document only; the handler reads and writes JSON directly.
    public sealed record PredictRequestDoc(IReadOnlyList<object> Instances, object? Parameters);

    public sealed record PredictResponseDoc(IReadOnlyList<PredictionDoc> Predictions, string DeployedModelId, string Model, string ModelVersionId);

    public sealed record PredictionDoc(float Probability, string Label);
}
