using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Contracts.Api;

/// <summary>How the services' HTTP APIs write JSON (web defaults, enums by name), for the clients that read it.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
