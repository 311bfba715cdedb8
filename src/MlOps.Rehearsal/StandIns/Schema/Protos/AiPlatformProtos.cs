namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// What several Vertex AI services share: operation.proto, env_var.proto, io.proto, machine_resources.proto,
/// accelerator_type.proto, job_state.proto, deployment_stage.proto (google/cloud/aiplatform/v1).
/// </summary>
internal static class AiPlatformProtos
{
    public const string V1 = "google.cloud.aiplatform.v1.";

    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V1 + "GenericOperationMetadata", """
            repeated google.rpc.Status partial_failures [OUTPUT_ONLY];
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            """);

        // value is REQUIRED in env_var.proto, as name is.
        schema.Message(V1 + "EnvVar", """
            string name [REQUIRED];
            string value [REQUIRED];
            """);

        schema.Message(V1 + "GcsDestination", """
            string output_uri_prefix [REQUIRED];
            """);

        schema.Message(V1 + "MachineSpec", """
            string machine_type;
            AcceleratorType accelerator_type;
            int32 accelerator_count;
            string gpu_partition_size;
            string tpu_topology;
            """);
        schema.Message(V1 + "DedicatedResources", """
            MachineSpec machine_spec [REQUIRED];
            int32 min_replica_count [REQUIRED];
            int32 max_replica_count;
            int32 required_replica_count;
            repeated AutoscalingMetricSpec autoscaling_metric_specs;
            bool spot;
            """);
        schema.Message(V1 + "AutomaticResources", """
            int32 min_replica_count;
            int32 max_replica_count;
            """);
        schema.Message(V1 + "AutoscalingMetricSpec", """
            string metric_name [REQUIRED];
            int32 target;
            """);
        schema.Message(V1 + "DiskSpec", """
            string boot_disk_type;
            int32 boot_disk_size_gb;
            """);

        schema.Enum(V1 + "AcceleratorType",
            "ACCELERATOR_TYPE_UNSPECIFIED", "NVIDIA_TESLA_K80", "NVIDIA_TESLA_P100", "NVIDIA_TESLA_V100", "NVIDIA_TESLA_P4",
            "NVIDIA_TESLA_T4", "NVIDIA_TESLA_A100", "NVIDIA_A100_80GB", "NVIDIA_L4", "NVIDIA_H100_80GB", "NVIDIA_H100_MEGA_80GB",
            "NVIDIA_H200_141GB", "NVIDIA_B200", "NVIDIA_GB200", "NVIDIA_RTX_PRO_6000", "TPU_V2", "TPU_V3", "TPU_V4_POD", "TPU_V5_LITEPOD");
        schema.Enum(V1 + "JobState",
            "JOB_STATE_UNSPECIFIED", "JOB_STATE_QUEUED", "JOB_STATE_PENDING", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED",
            "JOB_STATE_FAILED", "JOB_STATE_CANCELLING", "JOB_STATE_CANCELLED", "JOB_STATE_PAUSED", "JOB_STATE_EXPIRED",
            "JOB_STATE_UPDATING", "JOB_STATE_PARTIALLY_SUCCEEDED");
        schema.Enum(V1 + "DeploymentStage",
            "DEPLOYMENT_STAGE_UNSPECIFIED", "STARTING_DEPLOYMENT", "PREPARING_MODEL", "CREATING_SERVING_CLUSTER",
            "ADDING_NODES_TO_CLUSTER", "GETTING_CONTAINER_IMAGE", "STARTING_MODEL_SERVER", "FINISHING_UP",
            "DEPLOYMENT_TERMINATED", "SUCCESSFULLY_DEPLOYED", "FAILED_TO_DEPLOY");
    }
}
