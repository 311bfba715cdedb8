namespace MlOps.Rehearsal.StandIns.Schema.Protos;

/// <summary>google/rpc/status.proto, google/rpc/error_details.proto, google/longrunning/operations.proto, google/protobuf/empty.proto, google/api/httpbody.proto.</summary>
internal static class CommonProtos
{
    public static void Register(ProtoSchemaBuilder schema)
    {
        schema.Message("google.rpc.Status", """
            int32 code;
            string message;
            repeated google.protobuf.Any details;
            """);
        schema.Message("google.rpc.ErrorInfo", """
            string reason;
            string domain;
            map<string, string> metadata;
            """);
        schema.Message("google.rpc.BadRequest", """
            repeated FieldViolation field_violations;
            """);
        schema.Message("google.rpc.BadRequest.FieldViolation", """
            string field;
            string description;
            string reason;
            """);

        schema.Message("google.longrunning.Operation", """
            string name;
            google.protobuf.Any metadata;
            bool done;
            google.rpc.Status error [ONEOF];
            google.protobuf.Any response [ONEOF];
            """);
        schema.Message("google.longrunning.GetOperationRequest", """
            string name;
            """);

        schema.Message("google.protobuf.Empty", "");

        // A request field of this type bound to the body takes the body as it came (see Routing.Transcoder).
        schema.Message("google.api.HttpBody", """
            string content_type;
            bytes data;
            repeated google.protobuf.Any extensions;
            """);
    }
}
