using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Schema;

namespace MlOps.Core.Training;

/// <summary>
/// How a feature schema becomes ML.NET columns: one Single column per numeric feature, one Text
/// column per categorical feature, named as the features are, plus a Boolean label column.
/// </summary>
public static class ModelColumns
{
    public const string Label = "__label";
    public const string Features = "__features";
    public const string Probability = "Probability";

    public static DataViewSchema InputSchema(FeatureSchema schema, bool withLabel)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var feature in schema.Features)
        {
            builder.AddColumn(feature.Name, feature.IsNumeric ? NumberDataViewType.Single : TextDataViewType.Instance);
        }

        if (withLabel)
        {
            builder.AddColumn(Label, BooleanDataViewType.Instance);
        }

        return builder.ToSchema();
    }

    internal static string Encoded(string feature) => feature + "__encoded";
}
