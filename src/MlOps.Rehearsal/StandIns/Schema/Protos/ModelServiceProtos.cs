using static MlOps.Rehearsal.StandIns.Schema.Protos.AiPlatformProtos;

namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>model_service.proto, model.proto and model_evaluation.proto (google/cloud/aiplatform/v1).</summary>
internal static class ModelServiceProtos
{
    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V1 + "UploadModelRequest", """
            string parent [REQUIRED];
            string parent_model;
            string model_id;
            Model model [REQUIRED];
            string service_account;
            """);
        schema.Message(V1 + "UploadModelOperationMetadata", """
            GenericOperationMetadata generic_metadata;
            """);
        schema.Message(V1 + "UploadModelResponse", """
            string model;
            string model_version_id [OUTPUT_ONLY];
            """);
        schema.Message(V1 + "GetModelRequest", """
            string name [REQUIRED];
            """);
        schema.Message(V1 + "ListModelVersionsRequest", """
            string name [REQUIRED];
            int32 page_size;
            string page_token;
            string filter;
            google.protobuf.FieldMask read_mask;
            string order_by;
            """);
        schema.Message(V1 + "ListModelVersionsResponse", """
            repeated Model models;
            string next_page_token;
            """);
        schema.Message(V1 + "MergeVersionAliasesRequest", """
            string name [REQUIRED];
            repeated string version_aliases [REQUIRED];
            """);
        schema.Message(V1 + "ImportModelEvaluationRequest", """
            string parent [REQUIRED];
            ModelEvaluation model_evaluation [REQUIRED];
            """);
        schema.Message(V1 + "ListModelEvaluationsRequest", """
            string parent [REQUIRED];
            string filter;
            int32 page_size;
            string page_token;
            google.protobuf.FieldMask read_mask;
            """);
        schema.Message(V1 + "ListModelEvaluationsResponse", """
            repeated ModelEvaluation model_evaluations;
            string next_page_token;
            """);

        // Left out: explanation_spec, encryption_spec, data_stats, base_model_source, checkpoints and the output-only
        // fields this stand-in never sets (deployed_models, model_source_info, original_model_info, …).
        schema.Message(V1 + "Model", """
            string name;
            string version_id [OUTPUT_ONLY];
            repeated string version_aliases;
            google.protobuf.Timestamp version_create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp version_update_time [OUTPUT_ONLY];
            string display_name [REQUIRED];
            string description;
            string version_description;
            PredictSchemata predict_schemata;
            string metadata_schema_uri;
            google.protobuf.Value metadata;
            string pipeline_job;
            ModelContainerSpec container_spec;
            string artifact_uri;
            repeated DeploymentResourcesType supported_deployment_resources_types [OUTPUT_ONLY];
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            string etag;
            map<string, string> labels;
            """);
        schema.Enum(V1 + "Model.DeploymentResourcesType",
            "DEPLOYMENT_RESOURCES_TYPE_UNSPECIFIED", "DEDICATED_RESOURCES", "AUTOMATIC_RESOURCES", "SHARED_RESOURCES");
        schema.Message(V1 + "PredictSchemata", """
            string instance_schema_uri;
            string parameters_schema_uri;
            string prediction_schema_uri;
            """);

        // Left out: invoke_route_prefix and the startup, health and liveness probes.
        schema.Message(V1 + "ModelContainerSpec", """
            string image_uri [REQUIRED];
            repeated string command;
            repeated string args;
            repeated EnvVar env;
            repeated Port ports;
            string predict_route;
            string health_route;
            repeated Port grpc_ports;
            google.protobuf.Duration deployment_timeout;
            int64 shared_memory_size_mb;
            """);
        schema.Message(V1 + "Port", """
            int32 container_port;
            """);

        // Left out: model_explanation and explanation_specs.
        schema.Message(V1 + "ModelEvaluation", """
            string name [OUTPUT_ONLY];
            string display_name;
            string metrics_schema_uri;
            google.protobuf.Value metrics;
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            repeated string slice_dimensions;
            string data_item_schema_uri;
            string annotation_schema_uri;
            google.protobuf.Value metadata;
            """);
    }
}
