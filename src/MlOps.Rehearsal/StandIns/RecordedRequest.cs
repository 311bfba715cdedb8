using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// One request the stand-in answered: as it arrived (<see cref="Query"/> without its <c>?</c>, the body as sent when it
/// was JSON), who it authenticated as, the binding it matched (<c>POST /v1/{parent=projects/*/locations/*}/models:upload</c>,
/// null when none did) and the HTTP status of the answer.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string? Authorization,
    string? Principal,
    JsonNode? Body,
    string? Binding,
    int Status);
