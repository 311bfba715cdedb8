using System.Globalization;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>Each setting must be a documented key the service reads, with a value in range, and no credential written inline.</summary>
internal static class SettingRules
{
    public static void Check(ProblemReporter report, ServiceSpec service)
    {
        foreach (var setting in service.Settings)
        {
            var path = $"services.{service.Name}.settings.{setting.Key}";
            var definition = SettingCatalog.Find(setting.Key);
            if (definition is null)
            {
                var readable = SettingCatalog.All.Where(d => d.ReadBy(service.Name) && d.Use == SettingUse.Settable).Select(d => d.Key);
                report.Add(path, "not a configuration key in docs/configuration.md" + Loading.Suggestions.Hint(setting.Key, readable));
                continue;
            }

            if (definition.Use != SettingUse.Settable)
            {
                report.Add(path, $"do not set it here: {definition.Reason}");
                continue;
            }

            if (!definition.ReadBy(service.Name))
            {
                report.Add(path, $"{service.Name} does not read it; it belongs under {string.Join(" or ", definition.Readers.Select(r => $"services.{r}.settings"))}");
                continue;
            }

            switch (setting.Value)
            {
                case SecretValue secret:
                    CheckSecret(report, path, secret);
                    break;
                case LiteralValue when definition.SecretOnly:
                    report.Add(path, "is a credential: write it as a Secret Manager reference { secret: <name>, version: <n> }");
                    break;
                case LiteralValue literal when InlineSecrets.Find(literal.Text) is { } found:
                    report.Add(path, $"holds a credential written inline ({found}); keep it in Secret Manager and write {{ secret: <name>, version: <n> }}");
                    break;
                case LiteralValue literal when ValueProblem(definition, setting.Key, literal.Text) is { } problem:
                    report.Add(path, problem);
                    break;
            }
        }
    }

    public static void CheckAcrossSettings(ProblemReporter report)
    {
        var spec = report.Spec;
        var registry = spec.Service(ServiceNames.Registry);
        var registryPath = $"services.{ServiceNames.Registry}.settings";
        var provider = SettingCatalog.Effective(registry, "Registry:Database:Provider");
        var connection = registry.Find("ConnectionStrings:Registry")?.Value;
        if (provider == "PostgreSQL" && connection is not SecretValue)
        {
            report.Add($"{registryPath}.ConnectionStrings:Registry", "with PostgreSQL the connection string must be a Secret Manager reference { secret: <name>, version: <n> }");
        }

        var deployer = spec.Service(ServiceNames.Deployer);
        var deployerProvider = SettingCatalog.Effective(deployer, "Deployer:Database:Provider");
        if (deployerProvider == "PostgreSQL" && deployer.Find("ConnectionStrings:Deployments")?.Value is not SecretValue)
        {
            report.Add($"services.{ServiceNames.Deployer}.settings.ConnectionStrings:Deployments", "with PostgreSQL the connection string must be a Secret Manager reference { secret: <name>, version: <n> }");
        }

        var drift = spec.Service(ServiceNames.DriftWatcher);
        if (Int(SettingCatalog.Effective(drift, "DriftWatcher:MinimumSamples")) is { } samples
            && Int(SettingCatalog.Effective(drift, "DriftWatcher:WindowSize")) is { } window && samples > window)
        {
            report.Add($"services.{ServiceNames.DriftWatcher}.settings.DriftWatcher:MinimumSamples", $"{samples} is more than DriftWatcher:WindowSize ({window}); no window would ever reach a verdict");
        }

        var predictor = spec.Service(ServiceNames.Predictor);
        var predictorPath = $"services.{ServiceNames.Predictor}.settings";
        if (SettingCatalog.Effective(predictor, "Predictor:PublishLogs") != "false")
        {
            report.Add($"{predictorPath}.Predictor:PublishLogs", $"must be false on Cloud Run: the log sink already routes every entry to '{MessagingNames.PredictionLogs}', so publishing too would count each prediction twice");
        }

        if (SettingCatalog.Effective(predictor, "Predictor:LogToStdout") != "true")
        {
            report.Add($"{predictorPath}.Predictor:LogToStdout", "must be true on Cloud Run: the log sink only sees entries written to stdout");
        }

        // The Predictor is public on Cloud Run, so its admin API (what a replica serves) must be locked.
        if (predictor.Find("Predictor:AdminToken")?.Value is not SecretValue)
        {
            report.Add($"{predictorPath}.Predictor:AdminToken", "missing: the Predictor is public, so its admin API needs a token { secret: <name>, version: <n> }");
        }

        // Every replica follows the Deployer's desired state; without its URL a replica has nothing to serve.
        if (predictor.Find("services:deployer:http:0") is null)
        {
            report.Add($"{predictorPath}.services:deployer:http:0", "missing: replicas learn what to serve from the Deployer; set its Cloud Run URL (https://deployer-<project-number>.<region>.run.app)");
        }
    }

    private static void CheckSecret(ProblemReporter report, string path, SecretValue secret)
    {
        if (!Names.Secret().IsMatch(secret.Secret))
        {
            report.Add($"{path}.secret", $"'{secret.Secret}' is not a Secret Manager secret id (letters, digits, _ and -)");
        }

        if (!Names.SecretVersion().IsMatch(secret.Version))
        {
            report.Add($"{path}.version", $"'{secret.Version}' is not a secret version (a number, or latest)");
        }
        else if (secret.Version == "latest" && report.Spec.Name != EnvironmentValidator.Development)
        {
            report.Add($"{path}.version", $"pin a version number outside {EnvironmentValidator.Development}: an instance reads the secret when it starts, so latest lets a rotation change a running environment without a commit");
        }
    }

    private static string? NameProblem(PatternName names, string name) => names switch
    {
        PatternName.Schedule => MlOps.Contracts.ScheduleNames.Problem(name),
        _ => Names.Feature().IsMatch(name) ? null : $"'{name}' is not a feature name",
    };

    private static string? ValueProblem(SettingDefinition definition, string key, string text)
    {
        if (definition.NameIn(key) is { } name && NameProblem(definition.Names, name) is { } problem)
        {
            return problem;
        }

        switch (definition.Kind)
        {
            case SettingKind.Choice when !definition.Choices.Contains(text):
                return $"'{text}' is not one of {string.Join(", ", definition.Choices)}";
            case SettingKind.Boolean when text is not ("true" or "false"):
                return $"'{text}' is not true or false";
            case SettingKind.Url when !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"):
                return $"'{text}' is not an http(s) URL";
            case SettingKind.Integer when Int(text) is null:
                return $"'{text}' is not a whole number";
            case SettingKind.Number when Number(text) is null:
                return $"'{text}' is not a number";
            case SettingKind.Integer or SettingKind.Number:
                return RangeProblem(definition, Number(text)!.Value);
            default:
                return null;
        }
    }

    private static string? RangeProblem(SettingDefinition d, double value)
    {
        var belowMin = d.Min is { } min && (d.MinExclusive ? value <= min : value < min);
        var aboveMax = d.Max is { } max && (d.MaxExclusive ? value >= max : value > max);
        if (!belowMin && !aboveMax)
        {
            return null;
        }

        var low = d.Min is null ? "" : $"{(d.MinExclusive ? "above" : "at least")} {d.Min.Value.ToString(CultureInfo.InvariantCulture)}";
        var high = d.Max is null ? "" : $"{(d.MaxExclusive ? "below" : "at most")} {d.Max.Value.ToString(CultureInfo.InvariantCulture)}";
        var range = string.Join(" and ", new[] { low, high }.Where(s => s.Length > 0));
        return $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: must be {range}";
    }

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
