using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MlOps.Platform.Configuration;

/// <summary>Every value of a dictionary setting (<c>Section:Key:&lt;name&gt;</c>) lies in the range; an infinite bound means none.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValuesInRangeAttribute(double minimum, double maximum) : ValidationAttribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;

    public bool MinimumIsExclusive { get; init; }

    public bool MaximumIsExclusive { get; init; }

    public override bool IsValid(object? value) =>
        value is not IDictionary values || values.Values.Cast<object?>().All(v => v is null || InRange(Convert.ToDouble(v, CultureInfo.InvariantCulture)));

    public override string FormatErrorMessage(string name) =>
        $"every value of {name} must be {(MinimumIsExclusive ? "above" : "at least")} {Minimum.ToString(CultureInfo.InvariantCulture)}"
        + (double.IsPositiveInfinity(Maximum) ? "" : $" and {(MaximumIsExclusive ? "below" : "at most")} {Maximum.ToString(CultureInfo.InvariantCulture)}");

    private bool InRange(double v) =>
        (MinimumIsExclusive ? v > Minimum : v >= Minimum) && (MaximumIsExclusive ? v < Maximum : v <= Maximum);
}
