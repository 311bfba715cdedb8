using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Loading;

/// <summary>Collects problems and remembers where each key was written while a merged tree is read.</summary>
internal sealed class BindContext(string baseFile, string overlayFile)
{
    public List<EnvironmentProblem> Problems { get; } = [];

    public Dictionary<string, SourceLocation> Sources { get; } = new(StringComparer.Ordinal);

    public string OverlayFile { get; } = overlayFile;

    public void Record(string path, SourceLocation? source)
    {
        if (source is not null)
        {
            Sources[path] = source;
        }
    }

    public void Missing(string path) =>
        Problems.Add(new EnvironmentProblem(OverlayFile, null, path, $"missing: set it in this file or in {baseFile}"));

    public void Wrong(string path, SourceLocation? source, string message) =>
        Problems.Add(new EnvironmentProblem(source?.File ?? OverlayFile, source?.Line, path, message));
}
