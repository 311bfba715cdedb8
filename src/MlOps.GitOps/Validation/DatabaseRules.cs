using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// No SQLite on Cloud Run. Inside a container a file lives in memory and goes with the instance; on the artifact
/// mount it is an object behind Cloud Storage FUSE, which has no file locking and lets the last write win, so two
/// writers (two instances, or the old and the new revision during a deploy) corrupt the database. Only PostgreSQL
/// on Cloud SQL keeps a service's database.
/// </summary>
internal static class DatabaseRules
{
    private const string ProviderSuffix = ":Database:Provider";
    private const string Sqlite = "Sqlite";
    private const string NoLocking = "it has no file locking and the last write wins, so SQLite there is corrupted as soon as two instances or two revisions write";
    private static readonly string[] FileKeywords = ["Data Source", "DataSource", "Filename"];

    public static void Check(ProblemReporter report, ServiceSpec service)
    {
        foreach (var provider in SettingCatalog.All.Where(d => d.Service == service.Name && d.Key.EndsWith(ProviderSuffix, StringComparison.Ordinal)))
        {
            var connection = SettingCatalog.All.Single(d => d.Service == service.Name && d.Kind == SettingKind.ConnectionString);
            var file = service.Find(connection.Key)?.Value is LiteralValue literal ? DatabaseFile(literal.Text) : null;
            var written = service.Find(provider.Key) is not null;
            if (SettingCatalog.Effective(service, provider.Key) != Sqlite && file is null)
            {
                continue;
            }

            var settings = $"services.{service.Name}.settings";
            var fix = $"use PostgreSQL on Cloud SQL ({provider.Key}: PostgreSQL, {connection.Key} as {{ secret: <name>, version: <n> }}, cloudSqlInstance)";
            var mount = report.Spec.Artifacts.MountPath;
            if (file is null && service.Find(connection.Key) is null)
            {
                var which = written ? Sqlite : $"{Sqlite} (the default)";
                report.Add($"{settings}.{provider.Key}", $"{which} without {connection.Key} keeps the database in the artifact root {mount}, the Cloud Storage FUSE mount: {NoLocking}; {fix}");
            }
            else if (file is null)
            {
                report.Add($"{settings}.{provider.Key}", $"{Sqlite} keeps the database in a file, which on Cloud Run is lost with its instance, or on the Cloud Storage FUSE mount {mount} corrupted ({NoLocking}); {fix}");
            }
            else if (IsUnder(file, mount))
            {
                report.Add($"{settings}.{connection.Key}", $"the SQLite file {file} is on the Cloud Storage FUSE mount {mount}: {NoLocking}; {fix}");
            }
            else if (service.MaxInstances > 1)
            {
                report.Add($"{settings}.{connection.Key}", $"a SQLite file is one per instance: each of up to {service.MaxInstances} instances (maxInstances) would keep its own database; {fix}");
            }
            else
            {
                report.Add($"{settings}.{connection.Key}", $"a SQLite file outside {mount} is lost when the instance stops (Cloud Run keeps it in memory); {fix}");
            }
        }
    }

    /// <summary>The file a SQLite connection string opens, or null when it names none.</summary>
    private static string? DatabaseFile(string connection) =>
        connection.Split(';')
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && FileKeywords.Contains(pair[0].Trim(), StringComparer.OrdinalIgnoreCase))
            .Select(pair => pair[1].Trim().Trim('"', '\''))
            .FirstOrDefault();

    /// <summary>Whether a POSIX path lies in a folder, after resolving <c>.</c> and <c>..</c>; a relative path lies in none.</summary>
    private static bool IsUnder(string path, string folder)
    {
        if (!path.StartsWith('/'))
        {
            return false;
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return ("/" + string.Join('/', segments)).StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
