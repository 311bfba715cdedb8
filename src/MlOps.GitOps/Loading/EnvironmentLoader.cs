using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;
using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Loading;

/// <summary>Loads an environment: reads base and overlay, merges them (overlay wins), binds and validates.</summary>
public static class EnvironmentLoader
{
    /// <summary>Every problem with the environment; <see cref="EnvironmentCheck.Spec"/> is set when it could be read at all.</summary>
    public static EnvironmentCheck Check(EnvironmentsFolder folder, string name)
    {
        var files = new EnvironmentFiles(folder.DisplayPath(EnvironmentsFolder.BaseName), folder.DisplayPath(name));
        if (name == EnvironmentsFolder.BaseName)
        {
            return new EnvironmentCheck(name, null, [new EnvironmentProblem(files.Base, null, "", "base is shared by every environment and is not deployed on its own; name an environment")]);
        }

        MapNode merged;
        try
        {
            var baseMap = YamlFileReader.ReadMap(folder.Read(EnvironmentsFolder.BaseName), files.Base);
            var overlay = YamlFileReader.ReadMap(folder.Read(name), files.Overlay);
            merged = OverlayMerger.Merge(baseMap, overlay);
        }
        catch (EnvironmentException e)
        {
            return new EnvironmentCheck(name, null, e.Problems);
        }

        var context = new BindContext(files.Base, files.Overlay);
        var spec = EnvironmentBinder.Bind(name, merged, files, context);
        if (spec is null)
        {
            return new EnvironmentCheck(name, null, context.Problems);
        }

        return new EnvironmentCheck(name, spec, [.. EnvironmentValidator.Validate(spec), .. PinProblems(folder, spec)]);
    }

    // The environment's pins.yaml, when its deploy builds wrote one, is valid: model names, versions, packages in its bucket.
    private static IEnumerable<EnvironmentProblem> PinProblems(EnvironmentsFolder folder, EnvironmentSpec spec)
    {
        var path = Pins.PinsFile.PathIn(Path.Combine(folder.Directory, spec.Name));
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            Pins.PinsFile.Parse(File.ReadAllText(path), folder.DisplayPath(spec.Name).Replace(EnvironmentsFolder.FileName, Pins.PinsFile.FileName, StringComparison.Ordinal));
            return [];
        }
        catch (EnvironmentException e)
        {
            return e.Problems;
        }
    }

    /// <summary>The environment, or an <see cref="EnvironmentException"/> listing every problem.</summary>
    public static EnvironmentSpec LoadValid(EnvironmentsFolder folder, string name)
    {
        var check = Check(folder, name);
        return check.IsValid ? check.Spec! : throw new EnvironmentException(check.Problems);
    }
}
