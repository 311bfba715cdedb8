namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>
/// The trigger and build methods of google/devtools/cloudbuild/v1/cloudbuild.proto the stand-in serves (RunBuildTrigger,
/// ReceiveTriggerWebhook, GetBuild, CancelBuild) and the Build they answer with.
/// </summary>
internal static class CloudBuildProtos
{
    public const string V1 = "google.devtools.cloudbuild.v1.";

    public static void Register(ProtoSchemaBuilder schema)
    {
        // project_id and trigger_id (id for a build) are REQUIRED in the proto, for the project-wide bindings that put
        // them in the path; the regional bindings served here name the resource in `name` alone, and Cloud Build takes
        // both from it (a GET has no other way to send them), so they are checked against the name where given.
        schema.Message(V1 + "RunBuildTriggerRequest", """
            string name;
            string project_id;
            string trigger_id;
            RepoSource source;
            """);
        schema.Message(V1 + "GetBuildRequest", """
            string name;
            string project_id;
            string id;
            """);
        schema.Message(V1 + "CancelBuildRequest", """
            string name;
            string project_id;
            string id;
            """);
        schema.Message(V1 + "ReceiveTriggerWebhookRequest", """
            string name;
            google.api.HttpBody body;
            string project_id;
            string trigger;
            string secret;
            """);
        schema.Message(V1 + "ReceiveTriggerWebhookResponse", "");
        schema.Message(V1 + "BuildOperationMetadata", """
            Build build;
            """);

        // repo_name is REQUIRED in the proto, for a build's own source; a trigger's run takes the trigger's repository
        // and only a revision (and substitutions) from it, as `gcloud builds triggers run --branch` sends it.
        schema.Message(V1 + "RepoSource", """
            string project_id;
            string repo_name;
            string branch_name [ONEOF];
            string tag_name [ONEOF];
            string commit_sha [ONEOF];
            string dir;
            bool invert_regex;
            map<string, string> substitutions;
            """);
        schema.Message(V1 + "StorageSource", """
            string bucket;
            string object [REQUIRED];
            int64 generation;
            SourceFetcher source_fetcher;
            """);
        schema.Enum(V1 + "StorageSource.SourceFetcher", "SOURCE_FETCHER_UNSPECIFIED", "GSUTIL", "GCS_FETCHER");
        schema.Message(V1 + "GitSource", """
            string url [REQUIRED];
            string dir;
            string revision;
            """);

        // Left out: storage_source_manifest and connected_repository (the other members of the oneof).
        schema.Message(V1 + "Source", """
            StorageSource storage_source [ONEOF];
            RepoSource repo_source [ONEOF];
            GitSource git_source [ONEOF];
            """);

        // Left out: artifacts, source_provenance, options, secrets, approval, available_secrets, git_config, dependencies.
        schema.Message(V1 + "Build", """
            string name [OUTPUT_ONLY];
            string id [OUTPUT_ONLY];
            string project_id [OUTPUT_ONLY];
            Status status [OUTPUT_ONLY];
            string status_detail [OUTPUT_ONLY];
            Source source;
            repeated BuildStep steps;
            Results results [OUTPUT_ONLY];
            google.protobuf.Timestamp create_time [OUTPUT_ONLY];
            google.protobuf.Timestamp start_time [OUTPUT_ONLY];
            google.protobuf.Timestamp finish_time [OUTPUT_ONLY];
            google.protobuf.Duration timeout;
            repeated string images;
            google.protobuf.Duration queue_ttl;
            string logs_bucket;
            string build_trigger_id [OUTPUT_ONLY];
            string log_url [OUTPUT_ONLY];
            map<string, string> substitutions;
            repeated string tags;
            map<string, TimeSpan> timing [OUTPUT_ONLY];
            string service_account;
            repeated Warning warnings [OUTPUT_ONLY];
            FailureInfo failure_info [OUTPUT_ONLY];
            """);
        schema.Enum(V1 + "Build.Status",
            "STATUS_UNKNOWN", "PENDING", "QUEUED", "WORKING", "SUCCESS", "FAILURE", "INTERNAL_ERROR", "TIMEOUT", "CANCELLED", "EXPIRED");
        schema.Message(V1 + "Build.Warning", """
            string text;
            Priority priority;
            """);
        schema.Enum(V1 + "Build.Warning.Priority", "PRIORITY_UNSPECIFIED", "INFO", "WARNING", "ALERT");
        schema.Message(V1 + "Build.FailureInfo", """
            FailureType type;
            string detail;
            """);
        schema.Enum(V1 + "Build.FailureInfo.FailureType",
            "FAILURE_TYPE_UNSPECIFIED", "PUSH_FAILED", "PUSH_IMAGE_NOT_FOUND", "PUSH_NOT_AUTHORIZED", "LOGGING_FAILURE", "USER_BUILD_STEP", "FETCH_SOURCE_FAILED");

        // Left out: volumes. automap_substitutions is proto3 `optional`, present even when false, as a oneof member is.
        schema.Message(V1 + "BuildStep", """
            string name;
            repeated string env;
            repeated string args;
            string dir;
            string id;
            repeated string wait_for;
            string entrypoint;
            repeated string secret_env;
            TimeSpan timing [OUTPUT_ONLY];
            TimeSpan pull_timing [OUTPUT_ONLY];
            google.protobuf.Duration timeout;
            Build.Status status [OUTPUT_ONLY];
            bool allow_failure;
            int32 exit_code [OUTPUT_ONLY];
            repeated int32 allow_exit_codes;
            string script;
            bool automap_substitutions [ONEOF];
            """);
        schema.Message(V1 + "TimeSpan", """
            google.protobuf.Timestamp start_time;
            google.protobuf.Timestamp end_time;
            """);

        // Left out: python_packages, maven_artifacts, go_modules and npm_packages.
        schema.Message(V1 + "Results", """
            repeated BuiltImage images;
            repeated string build_step_images;
            string artifact_manifest;
            int64 num_artifacts;
            repeated bytes build_step_outputs;
            TimeSpan artifact_timing;
            """);
        schema.Message(V1 + "BuiltImage", """
            string name;
            string digest;
            TimeSpan push_timing [OUTPUT_ONLY];
            string artifact_registry_package [OUTPUT_ONLY];
            """);
    }
}
