using System.Text.Json;
using MlOps.Contracts;
using MlOps.Registry.Model;

namespace MlOps.Registry.Infrastructure;

/// <summary>Metrics as the registry stores them: scalars in columns, the confusion matrix, the ROC curve and a champion's evaluation as JSON text, which SQLite and PostgreSQL both keep.</summary>
internal static class StoredMetrics
{
    public static ModelMetrics Of(ModelVersion v) =>
        new(v.Auc, v.Accuracy, v.F1, v.Precision, v.Recall, v.LogLoss, v.HoldoutRows, Read<ConfusionMatrix>(v.Confusion), Read<List<RocPoint>>(v.Roc));

    public static string? Write<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.Serialize(value);

    public static T? Read<T>(string? json)
        where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json);
}
