namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// One route that takes a body, with a template of a well-formed body and the fields a generated value is sure to
/// make invalid: <paramref name="NameFields"/> hold a model name or an exact value (any other string is refused),
/// <paramref name="PathFields"/> an artifact path (a way out of the store is refused), <paramref name="NumberFields"/>
/// an integer (a value beyond its type is refused), <paramref name="NullFields"/> a value that is required.
/// <paramref name="Segment"/> is the route's model segment, if any.
/// </summary>
internal sealed record FuzzRoute(
    string Name,
    HttpMethod Method,
    string Path,
    string Template,
    string[] NameFields,
    string[] PathFields,
    string[] NumberFields,
    string[] NullFields,
    string? Segment = null)
{
    /// <summary>The prediction route answers in Vertex AI's error format rather than problem+json.</summary>
    public bool Vertex => Name == "predict";

    public string PathWith(string segment) => Segment is null ? Path : Path.Replace(Segment, segment, StringComparison.Ordinal);

    public static IReadOnlyList<FuzzRoute> All { get; } =
    [
        new("predict", HttpMethod.Post, "/v1/models/taxi:predict",
            """{"instances":[[7,11,4,6,44,2.1,"credit_card","SoHo","JFK Airport"],{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.1,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"SoHo"}]}""",
            ["instances.0.6", "instances.1.payment_type", "instances.0.7"], [], ["instances.0.0", "instances.1.trip_hour", "instances.0.5"], ["instances", "instances.0"], "taxi"),
        new("batch", HttpMethod.Post, "/v1/batchPredictionJobs",
            """{"model":"taxi","inputUri":"batch/in.csv","outputUri":"batch/out.csv","format":"csv","version":1}""",
            ["model", "format"], ["inputUri", "outputUri"], ["version"], ["model", "inputUri", "outputUri"]),
        new("training", HttpMethod.Post, "/api/training",
            """{"model":"taxi","reason":"manual","newestSnapshots":2}""",
            ["model", "reason"], [], ["newestSnapshots"], ["model"]),
        new("champion", HttpMethod.Put, "/api/models/taxi/aliases/champion",
            """{"version":1,"reason":"fuzzing"}""",
            [], [], ["version"], ["version"], "taxi"),
        new("rollback", HttpMethod.Post, "/api/deployments/taxi/rollback", """{"reason":"fuzzing"}""", [], [], [], [], "taxi"),
        new("promote", HttpMethod.Post, "/api/deployments/taxi/promote", "{}", [], [], [], [], "taxi"),
        new("snapshots", HttpMethod.Post, "/api/drift/taxi/snapshots", """{"path":"datasets/none.csv","rows":10}""", [], ["path"], ["rows"], ["path"], "taxi"),
        new("replay", HttpMethod.Post, "/api/drift/replay", """{"folder":"logs","model":"taxi","raiseAlert":false}""", ["model"], ["folder"], [], ["model", "folder"]),
        new("reports", HttpMethod.Post, "/api/fleet/replicas/r1/reports",
            """{"replicaId":"r1","host":"h","startedAt":"2026-01-01T00:00:00Z","revision":1,"versions":[{"model":"taxi","version":1,"generation":1,"requests":1,"instances":1,"errors":0,"latency":[1],"scores":[1]}],"refusals":[]}""",
            ["replicaId", "versions.0.model"], [], ["revision", "versions.0.version"], ["replicaId", "versions", "refusals", "versions.0.model", "versions.0.latency", "revision"]),
    ];
}
