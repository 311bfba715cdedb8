namespace MlOps.Cli.Commands;

/// <summary>
/// <c>--token [&lt;service&gt;=]&lt;ID token&gt;</c>: a bare token goes to every service, a named one to that service
/// only (on Cloud Run each service accepts only tokens for its own URL). A JWT holds no <c>=</c>, so the name is unambiguous.
/// </summary>
internal static class IdTokenArguments
{
    public const string Variable = "MLOPS_ID_TOKEN";

    public const string Description = "An ID token to present, [<service>=]<token>, repeatable: a bare one goes to every service (default: " + Variable + "). "
        + "A service with MlOps:Identity:Audience changes state only for a token issued for its own URL, e.g. gcloud auth print-identity-token --audiences=<service URL>";

    /// <summary>The token for a call, by the called URL's scheme and authority; <paramref name="services"/> maps each service name to its base URL.</summary>
    public static Func<Uri, string?> Parse(IEnumerable<string> given, IReadOnlyDictionary<string, string> services)
    {
        string? every = null;
        var byService = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in given.Where(a => a.Length > 0))
        {
            var at = argument.IndexOf('=', StringComparison.Ordinal);
            if (at < 0)
            {
                every = argument;
                continue;
            }

            var name = argument[..at];
            var url = services.TryGetValue(name, out var found) ? found : throw new CliException($"--token {name}=…: {name} is not one of {string.Join(", ", services.Keys)}");
            byService[Authority(url)] = argument[(at + 1)..];
        }

        return uri => byService.TryGetValue(Authority(uri.ToString()), out var token) ? token : every;
    }

    private static string Authority(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
