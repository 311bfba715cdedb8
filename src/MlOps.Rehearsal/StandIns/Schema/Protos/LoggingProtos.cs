namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// The LogMetric of google/logging/v2/logging_metrics.proto (the log-based metric bootstrap creates) and the LogSink
/// of logging_config.proto (the sinks it creates; left out: exclusions and intercept_children). Its descriptor is
/// google.api.MetricDescriptor (<see cref="MonitoringAlertProtos"/>), its buckets google.api.Distribution's (<see cref="MonitoringProtos"/>).
/// </summary>
internal static class LoggingProtos
{
    public const string V2 = "google.logging.v2.";

    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V2 + "LogMetric", """
            string name [REQUIRED];
            string description;
            string filter [REQUIRED];
            string bucket_name;
            bool disabled;
            google.api.MetricDescriptor metric_descriptor;
            string value_extractor;
            map<string, string> label_extractors;
            google.api.Distribution.BucketOptions bucket_options;
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            ApiVersion version;
            """);
        schema.Enum(V2 + "LogMetric.ApiVersion", "V2", "V1");

        schema.Message(V2 + "LogSink", """
            string name [REQUIRED];
            string destination [REQUIRED];
            string filter;
            string description;
            bool disabled;
            VersionFormat output_version_format;
            string writer_identity [OUTPUT_ONLY];
            bool include_children;
            BigQueryOptions bigquery_options [ONEOF];
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            """);
        schema.Enum(V2 + "LogSink.VersionFormat", "VERSION_FORMAT_UNSPECIFIED", "V2", "V1");
        schema.Message(V2 + "BigQueryOptions", """
            bool use_partitioned_tables;
            bool uses_timestamp_column_partitioning [OUTPUT_ONLY];
            """);
    }
}
