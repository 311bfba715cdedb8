using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MlOps.Platform.Configuration;

/// <summary>Configuration keys spelled from the options types, so no host retypes them.</summary>
public static class SettingKey
{
    /// <summary><c>Section:Property[:Nested]</c>, e.g. <c>For&lt;DeployerOptions&gt;(o =&gt; o.Canary.TrafficPercent)</c> is <c>Deployer:Canary:TrafficPercent</c>.</summary>
    public static string For<TSettings>(Expression<Func<TSettings, object?>> property)
        where TSettings : ISettings =>
        $"{TSettings.Section}:{string.Join(':', Path(property.Body))}";

    /// <summary>The same key as an environment variable: <c>Section__Property</c>.</summary>
    public static string Variable<TSettings>(Expression<Func<TSettings, object?>> property)
        where TSettings : ISettings =>
        For(property).Replace(":", "__", StringComparison.Ordinal);

    private static IEnumerable<string> Path(Expression expression) => expression switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } convert => Path(convert.Operand),
        MemberExpression { Expression: ParameterExpression } member => [Name(member.Member)],
        MemberExpression member => [.. Path(member.Expression!), Name(member.Member)],
        _ => throw new ArgumentException($"'{expression}' is not a property path of the settings"),
    };

    private static string Name(MemberInfo member) => member.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? member.Name;
}
