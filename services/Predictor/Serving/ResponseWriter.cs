using System.Text.Json;
using MlOps.Core.Scoring;

namespace MlOps.Predictor.Serving;

/// <summary>Vertex AI style bodies: predictions, and Google API errors with field-level details.</summary>
internal static class ResponseWriter
{
    private static readonly JsonEncodedText Predictions = JsonEncodedText.Encode("predictions");
    private static readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText DeployedModelId = JsonEncodedText.Encode("deployedModelId");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText ModelVersionId = JsonEncodedText.Encode("modelVersionId");

    public static void WritePredictions(Utf8JsonWriter writer, DeployedVersion version, ReadOnlySpan<float> probabilities)
    {
        var texts = version.Answer;
        writer.WriteStartObject();
        writer.WriteStartArray(Predictions);
        foreach (var p in probabilities)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Probability, p);
            writer.WriteString(Label, texts.Label(p));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString(DeployedModelId, texts.DeployedModelId);
        writer.WriteString(Model, texts.Model);
        writer.WriteString(ModelVersionId, texts.ModelVersionId);
        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, PredictStatus status, string message, IReadOnlyList<FieldError>? details = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteNumber("code", (int)status);
        writer.WriteString("status", status switch
        {
            PredictStatus.BadRequest => "INVALID_ARGUMENT",
            PredictStatus.NotFound => "NOT_FOUND",
            PredictStatus.TooLarge => "INVALID_ARGUMENT",
            _ => "UNAVAILABLE",
        });
        writer.WriteString("message", message);
        if (details is { Count: > 0 })
        {
            writer.WriteStartArray("details");
            foreach (var detail in details)
            {
                writer.WriteStartObject();
                if (detail.Instance >= 0)
                {
                    writer.WriteNumber("instance", detail.Instance);
                }

                writer.WriteString("field", detail.Field);
                writer.WriteString("message", detail.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
