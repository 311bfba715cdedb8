using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>A call answered with an error, in Google's JSON error shape: <c>{"error":{"code","message","status","details"}}</c>.</summary>
internal sealed class RpcException(RpcCode code, string message, JsonArray? details = null) : Exception(message)
{
    public RpcCode Code { get; } = code;

    public JsonArray Details { get; } = details ?? [];

    /// <summary>The status the code maps to, unless the error passes on another one (a serving container's).</summary>
    public int HttpStatus { get; init; } = code.HttpStatus();

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["code"] = HttpStatus,
            ["message"] = Message,
            ["status"] = Code.StatusName(),
        };
        if (Details.Count > 0)
        {
            error["details"] = Details.DeepClone();
        }

        return new JsonObject { ["error"] = error };
    }
}
