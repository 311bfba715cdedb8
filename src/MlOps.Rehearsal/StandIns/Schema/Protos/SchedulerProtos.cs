namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// The Job of google/cloud/scheduler/v1/job.proto with its PubsubTarget (target.proto): the jobs bootstrap creates.
/// Left out: the HTTP and App Engine targets of the target oneof, and retry_config.
/// </summary>
internal static class SchedulerProtos
{
    public const string V1 = "google.cloud.scheduler.v1.";

    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message(V1 + "Job", """
            string name;
            string description;
            PubsubTarget pubsub_target [ONEOF];
            string schedule;
            string time_zone;
            google.protobuf.Timestamp user_update_time [OUTPUT_ONLY];
            State state [OUTPUT_ONLY];
            google.rpc.Status status [OUTPUT_ONLY];
            google.protobuf.Timestamp schedule_time [OUTPUT_ONLY];
            google.protobuf.Timestamp last_attempt_time [OUTPUT_ONLY];
            google.protobuf.Duration attempt_deadline;
            """);
        schema.Enum(V1 + "Job.State", "STATE_UNSPECIFIED", "ENABLED", "PAUSED", "DISABLED", "UPDATE_FAILED");
        schema.Message(V1 + "PubsubTarget", """
            string topic_name [REQUIRED];
            bytes data;
            map<string, string> attributes;
            """);
    }
}
