using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Hosting;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>Refuses request fields the stand-in does not implement, rather than answer as if they had not been given.</summary>
internal static class Unimplemented
{
    public static void Refuse(JsonObject request, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (request.Str(field) is not null)
            {
                throw RpcErrors.InvalidArgument(field, $"The Vertex AI stand-in does not implement {field}; leave it out.");
            }
        }
    }
}
