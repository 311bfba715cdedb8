using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Configuration;

/// <summary>
/// Validates an options type's data annotations, and those of every nested options class marked
/// <see cref="ValidateObjectMembersAttribute"/> and of every entry of a dictionary of them marked
/// <see cref="ValidateEnumeratedItemsAttribute"/>, naming each failure by its configuration key.
/// </summary>
internal sealed class SettingsValidator<TSettings>(string section) : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        var failures = new List<string>();
        Walk(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Walk(object options, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var property = member.Length == 0 ? null : options.GetType().GetProperty(member);
                var key = property is null ? member : SettingsSchema.KeyOf(property);
                failures.Add($"{prefix}:{key} is {Describe(property?.GetValue(options))}: {result.ErrorMessage}");
            }
        }

        foreach (var property in SettingsSchema.NestedOptions(options.GetType()))
        {
            if (property.GetCustomAttribute<ValidateObjectMembersAttribute>() is not null && property.GetValue(options) is { } nested)
            {
                Walk(nested, $"{prefix}:{property.Name}", failures);
            }
        }

        foreach (var property in SettingsSchema.NestedDictionaries(options.GetType()))
        {
            if (property.GetCustomAttribute<ValidateEnumeratedItemsAttribute>() is not null && property.GetValue(options) is IDictionary entries)
            {
                foreach (DictionaryEntry entry in entries)
                {
                    if (entry.Value is { } nested)
                    {
                        Walk(nested, $"{prefix}:{SettingsSchema.KeyOf(property)}:{entry.Key}", failures);
                    }
                }
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "not set",
        IFormattable f => $"'{f.ToString(null, CultureInfo.InvariantCulture)}'",
        IDictionary d => $"{{{string.Join(", ", d.Keys.Cast<object>())}}}",
        _ => $"'{value}'",
    };
}
