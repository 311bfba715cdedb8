using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>Serves one method with one of <paramref name="apis"/>: its answer is sent with 200; an error is thrown as an <see cref="Hosting.RpcException"/>.</summary>
internal delegate Task<JsonNode> StandInHandler<in TApis>(TApis apis, StandInCall call, CancellationToken cancellationToken);
