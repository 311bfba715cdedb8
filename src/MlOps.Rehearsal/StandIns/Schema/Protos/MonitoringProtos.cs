namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// ListTimeSeries of google/monitoring/v3/metric_service.proto, with metric.proto and common.proto there, and
/// google/api/metric.proto, monitored_resource.proto and distribution.proto.
/// </summary>
internal static class MonitoringProtos
{
    public static void Register(ProtoSchemaBuilder schema)
    {
        // view is REQUIRED in the proto, but its zero value is FULL, so leaving it out asks for FULL. Left out:
        // aggregation and secondary_aggregation.
        schema.Message("google.monitoring.v3.ListTimeSeriesRequest", """
            string name [REQUIRED];
            string filter [REQUIRED];
            TimeInterval interval [REQUIRED];
            string order_by;
            TimeSeriesView view;
            int32 page_size;
            string page_token;
            """);
        schema.Enum("google.monitoring.v3.ListTimeSeriesRequest.TimeSeriesView", "FULL", "HEADERS");
        schema.Message("google.monitoring.v3.ListTimeSeriesResponse", """
            repeated TimeSeries time_series;
            string next_page_token;
            repeated google.rpc.Status execution_errors;
            string unit;
            """);
        schema.Message("google.monitoring.v3.TimeInterval", """
            google.protobuf.Timestamp end_time;
            google.protobuf.Timestamp start_time;
            """);

        // Left out: metadata.
        schema.Message("google.monitoring.v3.TimeSeries", """
            google.api.Metric metric;
            google.api.MonitoredResource resource;
            google.api.MetricDescriptor.MetricKind metric_kind;
            google.api.MetricDescriptor.ValueType value_type;
            repeated Point points;
            string unit;
            string description;
            """);
        schema.Message("google.monitoring.v3.Point", """
            TimeInterval interval;
            TypedValue value;
            """);
        schema.Message("google.monitoring.v3.TypedValue", """
            bool bool_value [ONEOF];
            int64 int64_value [ONEOF];
            double double_value [ONEOF];
            string string_value [ONEOF];
            google.api.Distribution distribution_value [ONEOF];
            """);

        schema.Message("google.api.Metric", """
            string type;
            map<string, string> labels;
            """);
        schema.Message("google.api.MonitoredResource", """
            string type;
            map<string, string> labels;
            """);
        schema.Enum("google.api.MetricDescriptor.MetricKind", "METRIC_KIND_UNSPECIFIED", "GAUGE", "DELTA", "CUMULATIVE");
        schema.Enum("google.api.MetricDescriptor.ValueType", "VALUE_TYPE_UNSPECIFIED", "BOOL", "INT64", "DOUBLE", "STRING", "DISTRIBUTION", "MONEY");

        // Left out: exemplars.
        schema.Message("google.api.Distribution", """
            int64 count;
            double mean;
            double sum_of_squared_deviation;
            Range range;
            BucketOptions bucket_options;
            repeated int64 bucket_counts;
            """);
        schema.Message("google.api.Distribution.Range", """
            double min;
            double max;
            """);
        schema.Message("google.api.Distribution.BucketOptions", """
            Linear linear_buckets [ONEOF];
            Exponential exponential_buckets [ONEOF];
            Explicit explicit_buckets [ONEOF];
            """);
        schema.Message("google.api.Distribution.BucketOptions.Linear", """
            int32 num_finite_buckets;
            double width;
            double offset;
            """);
        schema.Message("google.api.Distribution.BucketOptions.Exponential", """
            int32 num_finite_buckets;
            double growth_factor;
            double scale;
            """);
        schema.Message("google.api.Distribution.BucketOptions.Explicit", """
            repeated double bounds;
            """);
    }
}
