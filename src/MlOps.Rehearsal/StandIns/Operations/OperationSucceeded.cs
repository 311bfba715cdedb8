using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Operations;

/// <param name="Response">The operation's response, with its <c>@type</c>.</param>
internal sealed record OperationSucceeded(JsonObject Response) : OperationResult;
