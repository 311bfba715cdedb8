namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// The documents bootstrap hands Cloud Monitoring: NotificationChannel (google/monitoring/v3/notification.proto),
/// AlertPolicy (alert.proto, with mutation_record.proto, and Aggregation and ComparisonType of common.proto), and the
/// MetricDescriptor and LabelDescriptor of google/api/metric.proto and label.proto that a LogMetric carries.
/// </summary>
internal static class MonitoringAlertProtos
{
    public const string V3 = "google.monitoring.v3.";

    public static void Register(ProtoSchemaBuilder schema)
    {
        // enabled is a google.protobuf.BoolValue: a bare JSON bool, present even when false, as a oneof member is.
        schema.Message(V3 + "NotificationChannel", """
            string type;
            string name;
            string display_name;
            string description;
            map<string, string> labels;
            map<string, string> user_labels;
            VerificationStatus verification_status;
            bool enabled [ONEOF];
            MutationRecord creation_record;
            repeated MutationRecord mutation_records;
            """);
        schema.Enum(V3 + "NotificationChannel.VerificationStatus", "VERIFICATION_STATUS_UNSPECIFIED", "UNVERIFIED", "VERIFIED");
        schema.Message(V3 + "MutationRecord", """
            google.protobuf.Timestamp mutate_time;
            string mutated_by;
            """);

        // enabled is a BoolValue, as on the channel.
        schema.Message(V3 + "AlertPolicy", """
            string name;
            string display_name;
            Documentation documentation;
            map<string, string> user_labels;
            repeated Condition conditions;
            ConditionCombinerType combiner;
            bool enabled [ONEOF];
            google.rpc.Status validity;
            repeated string notification_channels;
            MutationRecord creation_record;
            MutationRecord mutation_record;
            AlertStrategy alert_strategy;
            Severity severity;
            """);
        schema.Enum(V3 + "AlertPolicy.ConditionCombinerType", "COMBINE_UNSPECIFIED", "AND", "OR", "AND_WITH_MATCHING_RESOURCE");
        schema.Enum(V3 + "AlertPolicy.Severity", "SEVERITY_UNSPECIFIED", "CRITICAL", "ERROR", "WARNING");
        schema.Message(V3 + "AlertPolicy.Documentation", """
            string content;
            string mime_type;
            string subject;
            repeated Link links;
            """);
        schema.Message(V3 + "AlertPolicy.Documentation.Link", """
            string display_name;
            string url;
            """);

        // Left out: condition_monitoring_query_language, condition_prometheus_query_language and condition_sql, the
        // other members of the condition oneof.
        schema.Message(V3 + "AlertPolicy.Condition", """
            string name;
            string display_name;
            MetricThreshold condition_threshold [ONEOF];
            MetricAbsence condition_absent [ONEOF];
            LogMatch condition_matched_log [ONEOF];
            """);
        schema.Message(V3 + "AlertPolicy.Condition.Trigger", """
            int32 count [ONEOF];
            double percent [ONEOF];
            """);
        schema.Enum(V3 + "AlertPolicy.Condition.EvaluationMissingData",
            "EVALUATION_MISSING_DATA_UNSPECIFIED", "EVALUATION_MISSING_DATA_INACTIVE", "EVALUATION_MISSING_DATA_ACTIVE", "EVALUATION_MISSING_DATA_NO_OP");
        schema.Message(V3 + "AlertPolicy.Condition.MetricThreshold", """
            string filter [REQUIRED];
            repeated Aggregation aggregations;
            string denominator_filter;
            repeated Aggregation denominator_aggregations;
            ForecastOptions forecast_options;
            ComparisonType comparison;
            double threshold_value;
            google.protobuf.Duration duration;
            Trigger trigger;
            EvaluationMissingData evaluation_missing_data;
            """);
        schema.Message(V3 + "AlertPolicy.Condition.MetricThreshold.ForecastOptions", """
            google.protobuf.Duration forecast_horizon [REQUIRED];
            """);
        schema.Message(V3 + "AlertPolicy.Condition.MetricAbsence", """
            string filter [REQUIRED];
            repeated Aggregation aggregations;
            google.protobuf.Duration duration;
            Trigger trigger;
            """);
        schema.Message(V3 + "AlertPolicy.Condition.LogMatch", """
            string filter [REQUIRED];
            map<string, string> label_extractors;
            """);
        schema.Message(V3 + "AlertPolicy.AlertStrategy", """
            NotificationRateLimit notification_rate_limit;
            repeated NotificationPrompt notification_prompts;
            google.protobuf.Duration auto_close;
            repeated NotificationChannelStrategy notification_channel_strategy;
            """);
        schema.Message(V3 + "AlertPolicy.AlertStrategy.NotificationRateLimit", """
            google.protobuf.Duration period;
            """);
        schema.Enum(V3 + "AlertPolicy.AlertStrategy.NotificationPrompt", "NOTIFICATION_PROMPT_UNSPECIFIED", "OPENED", "CLOSED");
        schema.Message(V3 + "AlertPolicy.AlertStrategy.NotificationChannelStrategy", """
            repeated string notification_channel_names;
            google.protobuf.Duration renotify_interval;
            """);

        schema.Message(V3 + "Aggregation", """
            google.protobuf.Duration alignment_period;
            Aligner per_series_aligner;
            Reducer cross_series_reducer;
            repeated string group_by_fields;
            """);
        schema.Enum(V3 + "Aggregation.Aligner",
            "ALIGN_NONE", "ALIGN_DELTA", "ALIGN_RATE", "ALIGN_INTERPOLATE", "ALIGN_NEXT_OLDER", "ALIGN_MIN", "ALIGN_MAX", "ALIGN_MEAN",
            "ALIGN_COUNT", "ALIGN_SUM", "ALIGN_STDDEV", "ALIGN_COUNT_TRUE", "ALIGN_COUNT_FALSE", "ALIGN_FRACTION_TRUE",
            "ALIGN_PERCENTILE_99", "ALIGN_PERCENTILE_95", "ALIGN_PERCENTILE_50", "ALIGN_PERCENTILE_05", "ALIGN_PERCENT_CHANGE");
        schema.Enum(V3 + "Aggregation.Reducer",
            "REDUCE_NONE", "REDUCE_MEAN", "REDUCE_MIN", "REDUCE_MAX", "REDUCE_SUM", "REDUCE_STDDEV", "REDUCE_COUNT", "REDUCE_COUNT_TRUE",
            "REDUCE_COUNT_FALSE", "REDUCE_FRACTION_TRUE", "REDUCE_PERCENTILE_99", "REDUCE_PERCENTILE_95", "REDUCE_PERCENTILE_50", "REDUCE_PERCENTILE_05");
        schema.Enum(V3 + "ComparisonType",
            "COMPARISON_UNSPECIFIED", "COMPARISON_GT", "COMPARISON_GE", "COMPARISON_LT", "COMPARISON_LE", "COMPARISON_EQ", "COMPARISON_NE");

        // Its enums are MonitoringProtos' (a TimeSeries carries them too). Left out: metadata, launch_stage and
        // monitored_resource_types. A LogMetric's descriptor takes its name, type and description from the metric.
        schema.Message("google.api.MetricDescriptor", """
            string name;
            string type;
            repeated LabelDescriptor labels;
            MetricKind metric_kind;
            ValueType value_type;
            string unit;
            string description;
            string display_name;
            """);
        schema.Message("google.api.LabelDescriptor", """
            string key;
            ValueType value_type;
            string description;
            """);
        schema.Enum("google.api.LabelDescriptor.ValueType", "STRING", "BOOL", "INT64");
    }
}
