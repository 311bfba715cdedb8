namespace MlOps.Contracts;

/// <summary>The model name and version fields of a request or message, checked against <see cref="ModelNames"/> and <see cref="ModelVersions"/>.</summary>
public static class ModelFields
{
    /// <summary>Each field's problem keyed by the field's name; empty when the fields may be used. A null version is one left out.</summary>
    public static Dictionary<string, string[]> Problems(string modelField, string? model, params ReadOnlySpan<(string Field, int? Value)> versions)
    {
        var problems = new Dictionary<string, string[]>();
        if (ModelNames.Problem(model) is { } name)
        {
            problems[modelField] = [name];
        }

        foreach (var (field, value) in versions)
        {
            if (value is { } number && ModelVersions.Problem(number) is { } version)
            {
                problems[field] = [version];
            }
        }

        return problems;
    }
}
