using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Core.Packaging;

/// <summary>The JSON conventions of package files and messages that embed their parts.</summary>
public static class PackageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
