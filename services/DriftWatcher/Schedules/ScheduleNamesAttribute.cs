using System.Collections;
using System.ComponentModel.DataAnnotations;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Schedules;

/// <summary>Every key of the dictionary is a schedule name (<see cref="ScheduleNames"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ScheduleNamesAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var problems = value is IDictionary entries
            ? entries.Keys.Cast<object>().Select(k => ScheduleNames.Problem(k.ToString())).OfType<string>().ToList()
            : [];
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join("; ", problems), validationContext.MemberName is { } member ? [member] : []);
    }
}
