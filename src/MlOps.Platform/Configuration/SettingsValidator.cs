using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Configuration;

/// <summary>
/// Validates an options type's data annotations, and those of every nested options class marked
/// <see cref="ValidateObjectMembersAttribute"/>, naming each failure by its configuration key.
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
                var value = member.Length == 0 ? null : options.GetType().GetProperty(member)?.GetValue(options);
                failures.Add($"{prefix}:{member} is {Describe(value)}: {result.ErrorMessage}");
            }
        }

        foreach (var property in SettingsSchema.NestedOptions(options.GetType()))
        {
            if (property.GetCustomAttribute<ValidateObjectMembersAttribute>() is not null && property.GetValue(options) is { } nested)
            {
                Walk(nested, $"{prefix}:{property.Name}", failures);
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "not set",
        IFormattable f => $"'{f.ToString(null, CultureInfo.InvariantCulture)}'",
        _ => $"'{value}'",
    };
}
