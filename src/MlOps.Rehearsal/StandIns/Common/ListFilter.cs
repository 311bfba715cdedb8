using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>
/// The part of AIP-160 list filters the stand-in understands, terms joined by <c>AND</c>: <c>labels.KEY=VALUE</c>,
/// <c>labels.KEY="VALUE"</c>, <c>labels."A KEY"="VALUE"</c>, <c>labels.KEY:*</c>, <c>labels:KEY</c>, and
/// <c>FIELD=VALUE</c> or <c>FIELD!=VALUE</c> for the fields a method names (snake_case or camelCase). Anything else is
/// refused with 400 rather than matched differently than Google would.
/// </summary>
internal sealed partial class ListFilter
{
    private readonly List<Func<Func<string, string?>, IReadOnlyDictionary<string, string>, bool>> _terms = [];

    private ListFilter()
    {
    }

    public static ListFilter Parse(JsonObject request, params string[] fields)
    {
        var filter = new ListFilter();
        var text = request.Str("filter");
        if (text is null)
        {
            return filter;
        }

        foreach (var term in And().Split(text.Trim()))
        {
            filter._terms.Add(ParseTerm(term.Trim(), fields) ?? throw Unsupported(text, fields));
        }

        return filter;
    }

    /// <param name="field">The value of a filterable field by its JSON name.</param>
    public bool Matches(Func<string, string?> field, IReadOnlyDictionary<string, string> labels) => _terms.TrueForAll(term => term(field, labels));

    private static Func<Func<string, string?>, IReadOnlyDictionary<string, string>, bool>? ParseTerm(string term, string[] fields)
    {
        if (LabelTerm().Match(term) is { Success: true } label)
        {
            var key = label.Groups["key"].Value;
            var value = Unquote(label.Groups["value"].Value);
            return label.Groups["op"].Value switch
            {
                ":" when value == "*" => (_, labels) => labels.ContainsKey(key),
                "=" => (_, labels) => labels.TryGetValue(key, out var actual) && actual == value,
                "!=" => (_, labels) => !labels.TryGetValue(key, out var actual) || actual != value,
                _ => null,
            };
        }

        if (LabelExists().Match(term) is { Success: true } exists)
        {
            var key = Unquote(exists.Groups["key"].Value);
            return (_, labels) => labels.ContainsKey(key);
        }

        if (FieldTerm().Match(term) is { Success: true } comparison && fields.Contains(ProtoNames.ToJsonName(comparison.Groups["field"].Value)))
        {
            var name = ProtoNames.ToJsonName(comparison.Groups["field"].Value);
            var value = Unquote(comparison.Groups["value"].Value);
            var equal = comparison.Groups["op"].Value == "=";
            return (field, _) => (field(name) == value) == equal;
        }

        return null;
    }

    private static RpcException Unsupported(string filter, string[] fields)
    {
        var others = fields.Length == 0 ? "" : $", and {string.Join(", ", fields.Select(f => f + "=VALUE"))}";
        return RpcErrors.InvalidArgument("filter", $"Unsupported filter \"{filter}\": the stand-in understands labels.KEY=VALUE, labels.KEY!=VALUE, labels.KEY:*{others}, joined by AND.");
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    [GeneratedRegex(@"\s+AND\s+")]
    private static partial Regex And();

    [GeneratedRegex(@"^labels\.(?:""(?<key>[^""]+)""|(?<key>[\p{L}\p{N}_-]+))\s*(?<op>!=|=|:)\s*(?<value>""[^""]*""|[^\s""]+)$")]
    private static partial Regex LabelTerm();

    [GeneratedRegex(@"^labels\s*:\s*(?<key>""[^""]+""|[\p{L}\p{N}_-]+)$")]
    private static partial Regex LabelExists();

    [GeneratedRegex(@"^(?<field>[A-Za-z_]+)\s*(?<op>!=|=)\s*(?<value>""[^""]*""|[^\s""]+)$")]
    private static partial Regex FieldTerm();
}
