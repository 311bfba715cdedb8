using System.Text.Json;
using MlOps.Core.Packaging;

namespace MlOps.Predictor.Serving;

/// <summary>What every answer of one version repeats, encoded once rather than escaped and transcoded per request.</summary>
internal sealed class AnswerTexts(string model, string version, ModelPackage package)
{
    public JsonEncodedText DeployedModelId { get; } = JsonEncodedText.Encode($"{model}@{version}");

    public JsonEncodedText Model { get; } = JsonEncodedText.Encode(model);

    public JsonEncodedText ModelVersionId { get; } = JsonEncodedText.Encode(version);

    private readonly JsonEncodedText _positive = JsonEncodedText.Encode(package.Schema.PositiveClass);
    private readonly JsonEncodedText _negative = JsonEncodedText.Encode(package.NegativeClass);


    /// <summary>The label <see cref="ModelPackage.LabelFor"/> gives <paramref name="probability"/>, encoded.</summary>
    public JsonEncodedText Label(float probability) => package.LabelFor(probability) == package.Schema.PositiveClass ? _positive : _negative;
}
