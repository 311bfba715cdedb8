using System.Text.RegularExpressions;

namespace MlOps.AppHost.Tests;

/// <summary>
/// Finds the service URLs the services and the CLI read: literal keys (<c>services:predictor:http:0</c>,
/// <c>services__predictor__http__0</c>), and keys built from a parameter (<c>$"services:{service}:http:0"</c>)
/// resolved through the literal arguments of the function that declares the parameter.
/// </summary>
internal static partial class ServiceUrlReads
{
    public static readonly string[] Folders = ["services", "tools"];

    public static (List<ServiceUrlRead> Reads, List<string> Unresolved) Scan()
    {
        var reads = new List<ServiceUrlRead>();
        var unresolved = new List<string>();
        foreach (var file in Folders.SelectMany(Repository.Sources))
        {
            var code = File.ReadAllText(file);
            var project = OwningProject(file);
            var relative = Repository.Relative(file);
            reads.AddRange(Literal().Matches(code).Select(m => new ServiceUrlRead(project, m.Groups["service"].Value, relative)));
            foreach (Match template in Template().Matches(code))
            {
                var services = Resolve(code, template.Groups["parameter"].Value, template.Index);
                if (services.Count == 0)
                {
                    unresolved.Add($"{relative}: {template.Value}");
                }

                reads.AddRange(services.Select(s => new ServiceUrlRead(project, s, relative)));
            }
        }

        return (reads.DistinctBy(r => (r.Project, r.Service)).ToList(), unresolved);
    }

    // The nearest function before the key whose string parameter it interpolates, then every call of it with a literal.
    private static List<string> Resolve(string code, string parameter, int index)
    {
        var declaration = new Regex($@"(?<function>\w+)\(\s*string\s+{Regex.Escape(parameter)}\s*\)").Matches(code[..index]).LastOrDefault();
        if (declaration is null)
        {
            return [];
        }

        var call = new Regex($@"\b{Regex.Escape(declaration.Groups["function"].Value)}\(\s*""(?<service>[A-Za-z0-9-]+)""\s*\)");
        return call.Matches(code).Select(m => m.Groups["service"].Value).Distinct().ToList();
    }

    private static string OwningProject(string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFiles(dir, "*.csproj").FirstOrDefault() is { } project)
            {
                return Repository.Relative(project);
            }
        }

        throw new InvalidOperationException($"{file} belongs to no project");
    }

    [GeneratedRegex(@"services(?::|__)(?<service>[A-Za-z0-9-]+)(?::|__)https?(?::|__)\d+")]
    private static partial Regex Literal();

    [GeneratedRegex(@"services:\{(?<parameter>\w+)\}:https?:\d+")]
    private static partial Regex Template();
}
