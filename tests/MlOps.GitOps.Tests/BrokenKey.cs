using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>One key changed (or removed) in a copy of the environments, and the problem validation must report for it.</summary>
internal static class BrokenKey
{
    public const string Remove = "<remove>";

    /// <summary>Changes <paramref name="path"/> in <paramref name="edited"/> and expects a problem in <paramref name="file"/> at <paramref name="key"/> saying <paramref name="reason"/>.</summary>
    public static void IsReported(string edited, string path, string value, string file, string key, string reason)
    {
        using var environments = new TempEnvironments();
        if (value == Remove)
        {
            environments.Remove(edited, path);
        }
        else
        {
            environments.Set(edited, path, value);
        }

        var environment = edited == EnvironmentsFolder.BaseName ? (file == EnvironmentsFolder.BaseName ? "dev" : file) : edited;
        var problems = EnvironmentLoader.Check(environments.Folder, environment).Problems;

        var expectedFile = $"environments/{file}/environment.yaml";
        Assert.True(
            problems.Any(p => p.File == expectedFile && p.Key == key && p.Message.Contains(reason, StringComparison.Ordinal)),
            $"expected {expectedFile}: {key}: …{reason}… but got:\n{string.Join("\n", problems)}");
    }
}
