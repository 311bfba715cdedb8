namespace MlOps.Contracts;

/// <summary>
/// The structured WARNING entry the DriftWatcher logs once per alert. Its properties become the Cloud
/// Logging <c>jsonPayload</c>, which a log-based metric counts: filter <see cref="MetricFilter"/>, labels from
/// <see cref="AlertKindLabelExtractor"/> and <see cref="ModelLabelExtractor"/>. Bootstrap and the logger share these names.
/// </summary>
public static class AnomalyLog
{
    /// <summary>The value of <see cref="AnomalyTypeField"/> on every alert entry.</summary>
    public const string AnomalyType = "model_monitoring_anomaly";

    public const string AnomalyTypeField = "anomalyType";
    public const string AlertKindField = "alertKind";
    public const string ModelField = "model";
    public const string AlertIdField = "alertId";
    public const string SummaryField = "summary";

    /// <summary>The message template: its placeholders are the fields above, so they are the jsonPayload property names.</summary>
    public const string Template =
        "{" + AnomalyTypeField + "}: {" + AlertKindField + "} alert {" + AlertIdField + "} for {" + ModelField + "}: {" + SummaryField + "}";

    /// <summary>The Cloud Logging filter of the log-based metric.</summary>
    public const string MetricFilter = "jsonPayload." + AnomalyTypeField + "=\"" + AnomalyType + "\"";

    /// <summary>The label extractor of the metric's alert kind label.</summary>
    public const string AlertKindLabelExtractor = "EXTRACT(jsonPayload." + AlertKindField + ")";

    /// <summary>The label extractor of the metric's model label.</summary>
    public const string ModelLabelExtractor = "EXTRACT(jsonPayload." + ModelField + ")";
}
