using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>
/// A call that passed every check: the request message in JSON (path, query and body merged, JSON names), the body
/// bytes as sent, and the caller.
/// </summary>
internal sealed record StandInCall(JsonObject Request, byte[] Body, string Principal);
