using System.Globalization;
using System.Text;
using MlOps.Contracts;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Pins;

/// <summary>
/// <c>environments/{name}/pins.yaml</c>: the version each model serves in the environment, one entry per model,
/// written by the deploy build of each gitops rollout (<c>mlops env pin</c>) and committed to the environment branch,
/// so the branch's history is the history of what was served. Merging branches carries no pin across: a pin names a
/// version of the environment's own registry.
/// </summary>
public static class PinsFile
{
    public const string FileName = "pins.yaml";

    public static string PathIn(string environmentFolder) => Path.Combine(environmentFolder, FileName);

    /// <summary>The pins in <paramref name="text"/>; every entry that breaks a rule is reported, by line.</summary>
    /// <exception cref="EnvironmentException">The file is not YAML, or an entry is not a valid pin.</exception>
    public static IReadOnlyList<ModelPin> Parse(string text, string file)
    {
        var root = YamlFileReader.ReadMap(text, file);
        var problems = new List<EnvironmentProblem>();
        var pins = new List<ModelPin>();
        foreach (var entry in root.Entries)
        {
            if (entry.Key != "models")
            {
                problems.Add(new(file, entry.Value.Source?.Line, entry.Key, "unknown key; pins.yaml has only 'models'"));
                continue;
            }

            if (entry.Value is not MapNode models)
            {
                problems.Add(new(file, entry.Value.Source?.Line, "models", "must be a mapping of model name to its pin"));
                continue;
            }

            foreach (var model in models.Entries)
            {
                if (Read(model, file, problems) is { } pin)
                {
                    pins.Add(pin);
                }
            }
        }

        return problems.Count > 0 ? throw new EnvironmentException(problems) : pins;
    }

    private static ModelPin? Read(MapEntry model, string file, List<EnvironmentProblem> problems)
    {
        var key = $"models.{model.Key}";
        var line = model.Value.Source?.Line;
        if (ModelNames.Problem(model.Key) is { } badName)
        {
            problems.Add(new(file, line, key, badName));
        }

        if (model.Value is not MapNode fields)
        {
            problems.Add(new(file, line, key, "must be a mapping with version, package and deployment"));
            return null;
        }

        var version = Text(fields, "version");
        var package = Text(fields, "package") ?? "";
        if (version is null || !int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            problems.Add(new(file, fields.Find("version")?.Value.Source?.Line ?? fields.Source?.Line ?? line, $"{key}.version", $"must be a version number of 1 or more, got '{version}'"));
            return null;
        }

        if (PackageProblem(package) is { } packageProblem)
        {
            problems.Add(new(file, fields.Find("package")?.Value.Source?.Line ?? fields.Source?.Line ?? line, $"{key}.package", packageProblem));
            return null;
        }

        foreach (var unknown in fields.Keys.Where(k => k is not ("version" or "package" or "deployment")))
        {
            problems.Add(new(file, fields.Find(unknown)?.Value.Source?.Line ?? line, $"{key}.{unknown}", "unknown key; a pin has version, package and deployment"));
        }

        return ModelNames.Problem(model.Key) is null ? new ModelPin(model.Key, number, package, Text(fields, "deployment")) : null;
    }

    /// <summary>
    /// What is wrong with a pin's package: it must be the path the registry gave it, inside the environment's artifact
    /// bucket (mounted at the same root in every service), never an absolute path, a URI or a way out through '..'.
    /// </summary>
    public static string? PackageProblem(string package) =>
        string.IsNullOrWhiteSpace(package) ? "the package the version was registered with is missing"
        : package.StartsWith('/') || package.Contains(':', StringComparison.Ordinal) || package.Contains('\\', StringComparison.Ordinal)
            || package.Split('/').Any(part => part is "" or "." or "..")
            ? $"must be the package's path in the environment's artifact bucket, like packages/<model>/<run>, got '{package}'"
        : null;

    private static string? Text(MapNode map, string key) => map[key] is ScalarNode scalar ? scalar.Value : null;

    /// <summary>
    /// Records <paramref name="pin"/> in the environment's pins.yaml (in <paramref name="environmentsFolder"/>), in
    /// place of the model's earlier pin.
    /// </summary>
    /// <returns>The path of the file written.</returns>
    /// <exception cref="EnvironmentException">The pin is not one the environment can serve: a bad model name or version, or a package path outside its bucket.</exception>
    public static string Record(string environmentsFolder, Model.EnvironmentSpec spec, ModelPin pin)
    {
        var display = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(environmentsFolder))}/{spec.Name}/{FileName}";
        var key = $"models.{pin.Model}";
        var problem = ModelNames.Problem(pin.Model) is { } name ? new EnvironmentProblem(display, null, key, name)
            : pin.Version < 1 ? new EnvironmentProblem(display, null, $"{key}.version", $"must be 1 or more, got {pin.Version}")
            : PackageProblem(pin.Package) is { } package ? new EnvironmentProblem(display, null, $"{key}.package", package)
            : null;
        if (problem is not null)
        {
            throw new EnvironmentException(problem);
        }

        var path = PathIn(Path.Combine(environmentsFolder, spec.Name));
        var pins = File.Exists(path) ? Parse(File.ReadAllText(path), display) : [];
        File.WriteAllText(path, Write(With(pins, pin)));
        return path;
    }

    /// <summary><paramref name="pins"/> with <paramref name="pin"/> in place of the model's earlier pin, ordered by model.</summary>
    public static IReadOnlyList<ModelPin> With(IReadOnlyList<ModelPin> pins, ModelPin pin) =>
        [.. pins.Where(p => p.Model != pin.Model).Append(pin).OrderBy(p => p.Model, StringComparer.Ordinal)];

    public static string Write(IReadOnlyList<ModelPin> pins)
    {
        var text = new StringBuilder()
            .Append("# Written by the deploy build of each gitops rollout (mlops env pin): the version each model serves here.\n")
            .Append("models:\n");
        foreach (var pin in pins.OrderBy(p => p.Model, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {pin.Model}:\n    version: {pin.Version}\n    package: {Quoted(pin.Package)}\n");
            if (pin.Deployment is { } deployment)
            {
                text.Append(CultureInfo.InvariantCulture, $"    deployment: {Quoted(deployment)}\n");
            }
        }

        return text.ToString();
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
