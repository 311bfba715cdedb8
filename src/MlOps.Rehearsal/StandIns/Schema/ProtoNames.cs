using System.Text;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>The proto3 JSON name of a field: its proto name in lowerCamelCase, as protoc derives it.</summary>
internal static class ProtoNames
{
    public static string ToJsonName(string protoName)
    {
        var json = new StringBuilder(protoName.Length);
        var upper = false;
        foreach (var c in protoName)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            json.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return json.ToString();
    }

    /// <summary>A field mask path (<c>traffic_split</c> or <c>trafficSplit</c>, dotted for nested fields) in JSON names.</summary>
    public static string ToJsonPath(string path) => string.Join('.', path.Split('.').Select(ToJsonName));
}
