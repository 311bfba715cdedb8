using static MlOps.Rehearsal.StandIns.Schema.Protos.AiPlatformProtos;

namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>endpoint_service.proto, endpoint.proto and prediction_service.proto (google/cloud/aiplatform/v1).</summary>
internal static class EndpointServiceProtos
{
    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V1 + "CreateEndpointRequest", """
            string parent [REQUIRED];
            Endpoint endpoint [REQUIRED];
            string endpoint_id;
            """);
        schema.Message(V1 + "CreateEndpointOperationMetadata", """
            GenericOperationMetadata generic_metadata;
            DeploymentStage deployment_stage [OUTPUT_ONLY];
            """);
        schema.Message(V1 + "GetEndpointRequest", """
            string name [REQUIRED];
            """);
        schema.Message(V1 + "UpdateEndpointRequest", """
            Endpoint endpoint [REQUIRED];
            google.protobuf.FieldMask update_mask [REQUIRED];
            """);
        schema.Message(V1 + "DeployModelRequest", """
            string endpoint [REQUIRED];
            DeployedModel deployed_model [REQUIRED];
            map<string, int32> traffic_split;
            """);
        schema.Message(V1 + "DeployModelResponse", """
            DeployedModel deployed_model;
            """);
        schema.Message(V1 + "DeployModelOperationMetadata", """
            GenericOperationMetadata generic_metadata;
            DeploymentStage deployment_stage [OUTPUT_ONLY];
            """);
        schema.Message(V1 + "UndeployModelRequest", """
            string endpoint [REQUIRED];
            string deployed_model_id [REQUIRED];
            map<string, int32> traffic_split;
            """);
        schema.Message(V1 + "UndeployModelResponse", "");
        schema.Message(V1 + "UndeployModelOperationMetadata", """
            GenericOperationMetadata generic_metadata;
            """);

        // Left out: encryption_spec, network, private service connect, request-response logging, dedicated
        // endpoints, client_connection_config and the GenAI configuration.
        schema.Message(V1 + "Endpoint", """
            string name [OUTPUT_ONLY];
            string display_name [REQUIRED];
            string description;
            repeated DeployedModel deployed_models [OUTPUT_ONLY];
            map<string, int32> traffic_split;
            string etag;
            map<string, string> labels;
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            """);

        // Left out: explanation_spec, private_endpoints, faster_deployment_config, system_labels, checkpoint_id and
        // speculative_decoding_spec.
        schema.Message(V1 + "DeployedModel", """
            DedicatedResources dedicated_resources [ONEOF];
            AutomaticResources automatic_resources [ONEOF];
            string shared_resources [ONEOF];
            string id;
            string model;
            string model_version_id [OUTPUT_ONLY];
            string display_name;
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            bool disable_explanations;
            string service_account;
            bool disable_container_logging;
            bool enable_access_logging;
            Status status [OUTPUT_ONLY];
            """);
        schema.Message(V1 + "DeployedModel.Status", """
            string message [OUTPUT_ONLY];
            google.protobuf.Timestamp last_update_time [OUTPUT_ONLY];
            int32 available_replica_count [OUTPUT_ONLY];
            """);

        schema.Message(V1 + "PredictRequest", """
            string endpoint [REQUIRED];
            repeated google.protobuf.Value instances [REQUIRED];
            google.protobuf.Value parameters;
            map<string, string> labels;
            """);
        schema.Message(V1 + "PredictResponse", """
            repeated google.protobuf.Value predictions;
            string deployed_model_id;
            string model [OUTPUT_ONLY];
            string model_version_id [OUTPUT_ONLY];
            string model_display_name [OUTPUT_ONLY];
            google.protobuf.Value metadata [OUTPUT_ONLY];
            """);
    }
}
