using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using MlOps.Core.Schema;
using MlOps.Core.Validation;

namespace MlOps.Core.Scoring;

/// <summary>
/// Reads Vertex AI style prediction instances straight from UTF-8 JSON into a <see cref="FeatureBatch"/>:
/// objects (<c>{"trip_distance": 2.1, ...}</c>, every feature present, null for missing) or positional
/// arrays in schema order. Every problem is reported per instance and field; nothing throws on bad input.
/// </summary>
public sealed class InstanceParser
{
    private readonly FeatureSchema _schema;
    private readonly FeatureValidator _validator;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _featureByName;
    private readonly byte[][] _utf8Names;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?[] _vocabularies;

    public InstanceParser(FeatureSchema schema)
    {
        _schema = schema;
        _validator = new FeatureValidator(schema);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Features.Count; i++)
        {
            names[schema.Features[i].Name] = i;
        }

        _featureByName = names.GetAlternateLookup<ReadOnlySpan<char>>();
        _utf8Names = [.. schema.Features.Select(f => Encoding.UTF8.GetBytes(f.Name))];
        _vocabularies = schema.Features
            .Select(f => f.Vocabulary is { } v ? v.ToDictionary(x => x, x => x, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>() : (Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?)null)
            .ToArray();
    }

    public FeatureSchema Schema => _schema;

    /// <summary>Parses a request body <c>{"instances": [...], "parameters": {...}}</c>.</summary>
    public bool TryParseRequest(ReadOnlySpan<byte> json, FeatureBatch batch, List<FieldError> errors, int maxInstances = int.MaxValue)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new FieldError(-1, "body", "the body must be a JSON object with an \"instances\" array"));
                return false;
            }

            var sawInstances = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("instances"u8))
                {
                    // A second array would be read as well, where another reader of the body may take only one of them.
                    if (sawInstances)
                    {
                        errors.Add(new FieldError(-1, "instances", "appears more than once in the body; send one array"));
                        return false;
                    }

                    sawInstances = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        errors.Add(new FieldError(-1, "instances", "must be an array of instances"));
                        return false;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (batch.Count >= maxInstances)
                        {
                            errors.Add(new FieldError(-1, "instances", $"more than {maxInstances} instances in one request"));
                            return false;
                        }

                        ReadInstance(ref reader, batch, errors);
                    }
                }
                else
                {
                    // "parameters" and anything else Vertex clients send is accepted and ignored.
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!sawInstances)
            {
                errors.Add(new FieldError(-1, "instances", "the body has no \"instances\" array"));
            }
            else if (batch.Count == 0 && errors.Count == 0)
            {
                errors.Add(new FieldError(-1, "instances", "the array is empty; send at least one instance"));
            }
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError(-1, "body", $"malformed JSON: {e.Message}"));
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || IsInvalidText(e))
        {
            errors.Add(new FieldError(-1, "body", $"{InvalidText}: {e.Message}"));
        }

        return errors.Count == 0;
    }

    /// <summary>Parses one instance (object or positional array) from its own JSON text.</summary>
    public bool TryParseInstance(ReadOnlySpan<byte> json, FeatureBatch batch, List<FieldError> errors)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
            ReadInstance(ref reader, batch, errors);
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError(0, "instance", $"malformed JSON: {e.Message}"));
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || IsInvalidText(e))
        {
            errors.Add(new FieldError(0, "instance", $"{InvalidText}: {e.Message}"));
        }

        return errors.Count == 0;
    }

    private void ReadInstance(ref Utf8JsonReader reader, FeatureBatch batch, List<FieldError> errors)
    {
        var index = batch.Count;
        var row = batch.AddRow();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var start = (int)reader.TokenStartIndex;
                ReadObject(ref reader, batch, row, index, errors);
                batch.SetRawObject(row, start, (int)reader.BytesConsumed - start);
                break;
            case JsonTokenType.StartArray:
                ReadPositional(ref reader, batch, row, index, errors);
                break;
            default:
                errors.Add(new FieldError(index, "instance", "must be an object of named features or an array of values in schema order"));
                reader.Skip();
                break;
        }
    }

    private void ReadObject(ref Utf8JsonReader reader, FeatureBatch batch, int row, int index, List<FieldError> errors)
    {
        Span<bool> seen = stackalloc bool[_schema.Features.Count];
        Span<char> name = stackalloc char[256];
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Clients mostly send the features in schema order: the name is compared as sent before it is decoded and looked up.
            if (next < _utf8Names.Length && !reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_utf8Names[next]) && !seen[next])
            {
                seen[next] = true;
                reader.Read();
                ReadValue(ref reader, batch, row, index, next++, errors);
                continue;
            }

            var needed = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            var target = needed <= name.Length ? name : new char[needed];
            var featureName = target[..reader.CopyString(target)];
            reader.Read();
            if (!_featureByName.TryGetValue(featureName, out var feature))
            {
                errors.Add(new FieldError(index, featureName.ToString(), $"unknown feature; the model takes {DescribeFeatures()}"));
                reader.Skip();
                continue;
            }

            if (seen[feature])
            {
                errors.Add(new FieldError(index, featureName.ToString(), "given more than once in the instance"));
                reader.Skip();
                continue;
            }

            seen[feature] = true;
            next = feature + 1;
            ReadValue(ref reader, batch, row, index, feature, errors);
        }

        for (var f = 0; f < seen.Length; f++)
        {
            if (!seen[f])
            {
                errors.Add(new FieldError(index, _schema.Features[f].Name, "missing feature; send null for a missing value"));
            }
        }
    }

    private void ReadPositional(ref Utf8JsonReader reader, FeatureBatch batch, int row, int index, List<FieldError> errors)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (position < _schema.Features.Count)
            {
                ReadValue(ref reader, batch, row, index, position, errors);
            }
            else
            {
                reader.Skip();
            }

            position++;
        }

        if (position != _schema.Features.Count)
        {
            errors.Add(new FieldError(index, "instance", $"expected {_schema.Features.Count} values in schema order ({DescribeFeatures()}), got {position}"));
        }
    }

    // A string value that is not text (invalid UTF-8, a lone surrogate escape) names its feature rather than failing the body.
    private void ReadValue(ref Utf8JsonReader reader, FeatureBatch batch, int row, int index, int feature, List<FieldError> errors)
    {
        try
        {
            ReadCheckedValue(ref reader, batch, row, index, feature, errors);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || IsInvalidText(e))
        {
            errors.Add(new FieldError(index, _schema.Features[feature].Name, InvalidText));
        }
    }

    private const string InvalidText = "not valid text: invalid UTF-8 or a lone surrogate escape";

    private static bool IsInvalidText(InvalidOperationException e) =>
        e.Message.Contains("UTF-16", StringComparison.Ordinal) || e.Message.Contains("UTF-8", StringComparison.Ordinal);

    private void ReadCheckedValue(ref Utf8JsonReader reader, FeatureBatch batch, int row, int index, int feature, List<FieldError> errors)
    {
        var definition = _schema.Features[feature];
        var slot = _schema.Slot(feature);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                errors.Add(new FieldError(index, definition.Name, $"expected a {Expected(definition)}, got {(reader.TokenType == JsonTokenType.StartObject ? "an object" : "an array")}"));
                reader.Skip();
                return;
            case JsonTokenType.True or JsonTokenType.False:
                errors.Add(new FieldError(index, definition.Name, $"expected a {Expected(definition)}, got {(reader.TokenType == JsonTokenType.True ? "true" : "false")}"));
                return;
        }

        if (definition.IsNumeric)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                errors.Add(new FieldError(index, definition.Name, $"expected a number, got the string \"{reader.GetString()}\""));
                return;
            }

            if (!reader.TryGetDouble(out var number))
            {
                errors.Add(new FieldError(index, definition.Name, $"{Encoding.UTF8.GetString(reader.ValueSpan)} is not a representable number"));
                return;
            }

            var status = _validator.CheckNumeric(feature, number, out batch.Numeric(row)[slot]);
            if (status != CellStatus.Ok)
            {
                errors.Add(new FieldError(index, definition.Name, _validator.Describe(feature, status, Encoding.UTF8.GetString(reader.ValueSpan)).Message));
            }

            return;
        }

        ReadCategorical(ref reader, batch, row, index, feature, slot, errors);
    }

    private void ReadCategorical(ref Utf8JsonReader reader, FeatureBatch batch, int row, int index, int feature, int slot, List<FieldError> errors)
    {
        var definition = _schema.Features[feature];
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        char[]? rented = null;
        Span<char> buffer = length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(length * 2));
        try
        {
            var text = reader.TokenType == JsonTokenType.String
                ? buffer[..reader.CopyString(buffer)]
                : buffer[..Encoding.UTF8.GetChars(reader.ValueSpan, buffer)];
            if (_vocabularies[feature] is { } vocabulary)
            {
                if (vocabulary.TryGetValue(text, out var known))
                {
                    batch.Categorical(row)[slot] = known.AsMemory();
                }
                else
                {
                    errors.Add(new FieldError(index, definition.Name, _validator.Describe(feature, CellStatus.OutOfVocabulary, text.ToString()).Message));
                }
            }
            else
            {
                batch.Categorical(row)[slot] = text.ToString().AsMemory();
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string Expected(FeatureDefinition definition) => definition.IsNumeric ? "number" : "string";

    private string DescribeFeatures() => string.Join(", ", _schema.Features.Select(f => f.Name));
}
