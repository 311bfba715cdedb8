using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Contracts;

/// <summary>A feature value as JSON carries it: a number, a string, null (missing), or something else (invalid).</summary>
[JsonConverter(typeof(FeatureValueConverter))]
public readonly record struct FeatureValue(double? Number, string? Text, bool Invalid = false)
{
    public static FeatureValue Of(double number) => new(number, null);

    public static FeatureValue Of(string? text) => new(null, text);

    public bool IsMissing => Number is null && Text is null && !Invalid;
}

public sealed class FeatureValueConverter : JsonConverter<FeatureValue>
{
    public override bool HandleNull => true;

    public override FeatureValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) ? FeatureValue.Of(number) : new FeatureValue(null, null, Invalid: true);
            case JsonTokenType.String:
                return FeatureValue.Of(reader.GetString());
            case JsonTokenType.Null:
                return default;
            default:
                // Kept as invalid rather than thrown, so a consumer can count and skip the entry.
                reader.Skip();
                return new FeatureValue(null, null, Invalid: true);
        }
    }

    public override void Write(Utf8JsonWriter writer, FeatureValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } number && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.Invalid)
        {
            // Neither a number, a string nor null: written as something else again, so it reads back as invalid.
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
