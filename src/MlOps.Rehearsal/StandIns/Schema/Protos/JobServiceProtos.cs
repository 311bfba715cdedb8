using static MlOps.Rehearsal.StandIns.Schema.Protos.AiPlatformProtos;

namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>The CustomJob methods of job_service.proto, and custom_job.proto (google/cloud/aiplatform/v1).</summary>
internal static class JobServiceProtos
{
    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V1 + "CreateCustomJobRequest", """
            string parent [REQUIRED];
            CustomJob custom_job [REQUIRED];
            """);
        schema.Message(V1 + "GetCustomJobRequest", """
            string name [REQUIRED];
            """);
        schema.Message(V1 + "ListCustomJobsRequest", """
            string parent [REQUIRED];
            string filter;
            int32 page_size;
            string page_token;
            google.protobuf.FieldMask read_mask;
            """);
        schema.Message(V1 + "ListCustomJobsResponse", """
            repeated CustomJob custom_jobs;
            string next_page_token;
            """);
        schema.Message(V1 + "CancelCustomJobRequest", """
            string name [REQUIRED];
            """);

        // Left out: encryption_spec and satisfies_pzs/pzi.
        schema.Message(V1 + "CustomJob", """
            string name [OUTPUT_ONLY];
            string display_name [REQUIRED];
            CustomJobSpec job_spec [REQUIRED];
            JobState state [OUTPUT_ONLY];
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp start_time [OUTPUT_ONLY];
            google.protobuf.Timestamp end_time [OUTPUT_ONLY];
            google.protobuf.Timestamp update_time [OUTPUT_ONLY];
            google.rpc.Status error [OUTPUT_ONLY];
            map<string, string> labels;
            map<string, string> web_access_uris [OUTPUT_ONLY];
            """);

        // Left out: persistent resources, networking, Tensorboard, experiments, web and dashboard access, models.
        schema.Message(V1 + "CustomJobSpec", """
            repeated WorkerPoolSpec worker_pool_specs [REQUIRED];
            Scheduling scheduling;
            string service_account;
            GcsDestination base_output_directory;
            """);

        // Left out: python_package_spec (the other member of the task oneof), nfs_mounts and lustre_mounts.
        schema.Message(V1 + "WorkerPoolSpec", """
            ContainerSpec container_spec [ONEOF];
            MachineSpec machine_spec;
            int64 replica_count;
            DiskSpec disk_spec;
            """);
        schema.Message(V1 + "ContainerSpec", """
            string image_uri [REQUIRED];
            repeated string command;
            repeated string args;
            repeated EnvVar env;
            """);
        schema.Message(V1 + "Scheduling", """
            google.protobuf.Duration timeout;
            bool restart_job_on_worker_restart;
            Strategy strategy;
            bool disable_retries;
            google.protobuf.Duration max_wait_duration;
            """);
        schema.Enum(V1 + "Scheduling.Strategy", "STRATEGY_UNSPECIFIED", "ON_DEMAND", "LOW_COST", "STANDARD", "SPOT", "FLEX_START");
    }
}
