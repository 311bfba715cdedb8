using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOps.GitOps.Yaml;

/// <summary>A scalar kept as the text that was written, with the type a YAML reader resolves it to.</summary>
public sealed partial class ScalarNode(string value, ScalarType type) : YamlNode
{
    public string Value { get; } = value;

    public ScalarType Type { get; } = type;

    public static ScalarNode Text(string value) => new(value, ScalarType.Text);

    public static ScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), ScalarType.Number);

    public static ScalarNode Boolean(bool value) => new(value ? "true" : "false", ScalarType.Boolean);

    /// <summary>How a plain (unquoted) scalar resolves; YAML 1.1 words count too, because gcloud reads YAML 1.1.</summary>
    public static ScalarType Resolve(string plain) =>
        NullPattern().IsMatch(plain) ? ScalarType.Null
        : BooleanPattern().IsMatch(plain) ? ScalarType.Boolean
        : NumberPattern().IsMatch(plain) ? ScalarType.Number
        : ScalarType.Text;

    public override string ToString() => Value;

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")]
    private static partial Regex BooleanPattern();

    [GeneratedRegex(@"^([-+]?(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\d+(:[0-5]?\d)+(\.\d*)?)$")]
    private static partial Regex NumberPattern();
}
