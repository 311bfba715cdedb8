using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Configuration;

/// <summary>Every key an options type binds, found by reflection, with the ranges and defaults the type declares.</summary>
public static class SettingsSchema
{
    public const string AnyName = "<name>";

    public static IReadOnlyList<SettingDescriptor> Describe<TSettings>()
        where TSettings : class, ISettings, new() => Describe(typeof(TSettings), TSettings.Section);

    public static IReadOnlyList<SettingDescriptor> Describe(Type type, string section)
    {
        var found = new List<SettingDescriptor>();
        Walk(type, Activator.CreateInstance(type), section, found);
        return found;
    }

    /// <summary>Nested options classes, which are validated only when marked with <see cref="ValidateObjectMembersAttribute"/>.</summary>
    public static IEnumerable<PropertyInfo> NestedOptions(Type type) =>
        Bindable(type).Where(p => IsNested(p.PropertyType));

    /// <summary>
    /// Dictionaries of nested options by name (<c>Section:Key:&lt;name&gt;:…</c>), whose entries are validated only
    /// when marked with <see cref="ValidateEnumeratedItemsAttribute"/>.
    /// </summary>
    public static IEnumerable<PropertyInfo> NestedDictionaries(Type type) =>
        Bindable(type).Where(p => DictionaryValue(p.PropertyType) is { } value && IsNested(value));

    /// <summary>The key segment a property binds: its <see cref="ConfigurationKeyNameAttribute"/> when it has one (which may span segments), else its name.</summary>
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;

    private static void Walk(Type type, object? instance, string prefix, List<SettingDescriptor> found)
    {
        foreach (var property in Bindable(type))
        {
            var key = $"{prefix}:{KeyOf(property)}";
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsNested(propertyType))
            {
                if (property.GetCustomAttribute<ValidateObjectMembersAttribute>() is null)
                {
                    throw new InvalidOperationException($"{type.Name}.{property.Name} ({key}) is nested options without [ValidateObjectMembers]: its ranges would never be checked");
                }

                Walk(propertyType, value, key, found);
            }
            else if (DictionaryValue(propertyType) is { } entryType && IsNested(entryType))
            {
                if (property.GetCustomAttribute<ValidateEnumeratedItemsAttribute>() is null)
                {
                    throw new InvalidOperationException($"{type.Name}.{property.Name} ({key}) is a dictionary of nested options without [ValidateEnumeratedItems]: its entries would never be checked");
                }

                Walk(entryType, Activator.CreateInstance(entryType), $"{key}:{AnyName}", found);
            }
            else if (DictionaryValue(propertyType) is { } valueType)
            {
                var range = property.GetCustomAttribute<ValuesInRangeAttribute>();
                found.Add(Leaf($"{key}:{AnyName}", valueType, property, null) with
                {
                    Min = range is null || double.IsInfinity(range.Minimum) ? null : range.Minimum,
                    Max = range is null || double.IsInfinity(range.Maximum) ? null : range.Maximum,
                    MinExclusive = range?.MinimumIsExclusive ?? false,
                    MaxExclusive = range?.MaximumIsExclusive ?? false,
                });
            }
            else
            {
                found.Add(Leaf(key, propertyType, property, value));
            }
        }
    }

    private static SettingDescriptor Leaf(string key, Type type, PropertyInfo property, object? value)
    {
        var range = property.GetCustomAttribute<RangeAttribute>();
        return new SettingDescriptor(key, type)
        {
            Min = range is null ? null : Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture),
            Max = range is null ? null : Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture),
            MinExclusive = range?.MinimumIsExclusive ?? false,
            MaxExclusive = range?.MaximumIsExclusive ?? false,
            Default = Format(value),
            Choices = type.IsEnum ? Enum.GetNames(type)
                : property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed ? [.. allowed.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!)]
                : [],
        };
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        ICollection { Count: 0 } => null,
        _ => value.ToString(),
    };

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0);

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && DictionaryValue(type) is null && type.GetConstructor(Type.EmptyTypes) is not null;

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
}
