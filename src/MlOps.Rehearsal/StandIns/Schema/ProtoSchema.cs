using MlOps.Rehearsal.StandIns.Schema.Protos;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// The messages and enums of the methods the stand-in serves, and of the documents bootstrap hands gcloud (see
/// <see cref="ProtoDocuments"/>), transcribed from googleapis (see <see cref="Protos"/>): only what those carry. A field left out is one no caller of ours sends, and a request that sends it is
/// refused as naming an unknown field — which is what a strict check means.
/// </summary>
internal sealed class ProtoSchema(IReadOnlyDictionary<string, MessageSpec> messages, IReadOnlyDictionary<string, EnumSpec> enums)
{
    public static ProtoSchema Google { get; } = Transcribe();

    public MessageSpec Message(string fullName) =>
        messages.TryGetValue(fullName, out var message) ? message : throw new InvalidOperationException($"No message {fullName} is transcribed.");

    public MessageSpec? FindMessage(string fullName) => messages.GetValueOrDefault(fullName);

    public EnumSpec Enum(string fullName) =>
        enums.TryGetValue(fullName, out var value) ? value : throw new InvalidOperationException($"No enum {fullName} is transcribed.");

    private static ProtoSchema Transcribe()
    {
        var schema = new ProtoSchemaBuilder();
        CommonProtos.Register(schema);
        AiPlatformProtos.Register(schema);
        ModelServiceProtos.Register(schema);
        EndpointServiceProtos.Register(schema);
        JobServiceProtos.Register(schema);
        MonitoringProtos.Register(schema);
        CloudBuildProtos.Register(schema);
        MonitoringAlertProtos.Register(schema);
        LoggingProtos.Register(schema);
        SchedulerProtos.Register(schema);
        return schema.Build();
    }
}
