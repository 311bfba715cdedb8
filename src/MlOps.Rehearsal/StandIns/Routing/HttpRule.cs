namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>
/// A <c>google.api.http</c> binding as the protos write it, e.g. <c>post: "/v1/{parent=projects/*/locations/*}/models:upload"</c>:
/// literal segments, variables that bind a request field to one or more segments (<c>*</c> is one segment), and an
/// optional custom verb after the last <c>:</c>.
/// </summary>
internal sealed class HttpRule
{
    private readonly List<(string? Literal, string? Variable)> _segments = [];
    private readonly string? _verb;

    private HttpRule(string method, string template)
    {
        Method = method;
        Template = template;
        var depth = 0;
        var verbAt = -1;
        for (var i = 0; i < template.Length; i++)
        {
            depth += template[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (template[i] == ':' && depth == 0)
            {
                verbAt = i;
            }
        }

        var path = verbAt < 0 ? template : template[..verbAt];
        _verb = verbAt < 0 ? null : template[(verbAt + 1)..];
        var fields = new List<string>();
        foreach (var segment in SplitOutsideBraces(path.TrimStart('/')))
        {
            if (!segment.StartsWith('{'))
            {
                _segments.Add((segment, null));
                continue;
            }

            var binding = segment[1..^1];
            var equals = binding.IndexOf('=');
            var field = equals < 0 ? binding : binding[..equals];
            var pattern = equals < 0 ? "*" : binding[(equals + 1)..];
            fields.Add(field);
            foreach (var part in pattern.Split('/'))
            {
                _segments.Add((part == "*" ? null : part, field));
            }
        }

        BoundFields = fields;
    }

    /// <summary>The HTTP method: GET, POST, PATCH, DELETE.</summary>
    public string Method { get; }

    public string Template { get; }

    /// <summary>How <see cref="VertexAiStandIn.PermissionOf"/> names the binding: <c>POST /v1/{parent=projects/*/locations/*}/models:upload</c>.</summary>
    public string Key => $"{Method} {Template}";

    /// <summary>The request fields the path binds, in proto names (<c>parent</c>, <c>endpoint.name</c>).</summary>
    public IReadOnlyList<string> BoundFields { get; }

    public static HttpRule Get(string template) => new("GET", template);

    public static HttpRule Post(string template) => new("POST", template);

    public static HttpRule Patch(string template) => new("PATCH", template);

    /// <summary>Matches a decoded path, whatever the method; on success gives each bound field its value.</summary>
    public bool TryMatch(string path, out Dictionary<string, string> values)
    {
        values = [];
        var rest = path.TrimStart('/');
        if (_verb is not null)
        {
            if (!rest.EndsWith(":" + _verb, StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest[..^(_verb.Length + 1)];
        }

        var segments = rest.Split('/');
        if (segments.Length != _segments.Count)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var (literal, variable) = _segments[i];
            // A wildcard is one non-empty segment; a ':' in it would be a custom verb this binding does not have.
            var matches = literal is null ? segments[i].Length > 0 && !segments[i].Contains(':') : segments[i] == literal;
            if (!matches)
            {
                return false;
            }

            if (variable is not null)
            {
                values[variable] = values.TryGetValue(variable, out var sofar) ? sofar + "/" + segments[i] : segments[i];
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitOutsideBraces(string path)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            depth += path[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (path[i] == '/' && depth == 0)
            {
                yield return path[start..i];
                start = i + 1;
            }
        }

        yield return path[start..];
    }
}
