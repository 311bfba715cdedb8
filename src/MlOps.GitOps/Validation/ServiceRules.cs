using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

internal static class ServiceRules
{
    public static readonly IReadOnlyList<string> Ingresses = ["all", "internal", "internal-and-cloud-load-balancing"];

    public static void Check(ProblemReporter report, ServiceSpec service)
    {
        var path = $"services.{service.Name}";
        CheckImage(report, service, path);

        if (!Names.ServiceAccount().IsMatch(service.ServiceAccount))
        {
            report.Add($"{path}.serviceAccount", $"'{service.ServiceAccount}' is not a service account id (6 to 30 lowercase letters, digits or hyphens; the email is added from the project)");
        }

        CheckExposure(report, service, path);

        CheckScaling(report, service, path);
        ResourceRules.Check(report, service, path);

        if (service.Port is < 1 or > 65535)
        {
            report.Add($"{path}.port", $"{service.Port} is not a TCP port");
        }

        if (service.CloudSqlInstance is { } instance && !Names.CloudSqlInstance().IsMatch(instance))
        {
            report.Add($"{path}.cloudSqlInstance", $"'{instance}' is not a Cloud SQL connection name (project:region:instance)");
        }

        foreach (var role in service.Roles.Where(r => !Names.Role().IsMatch(r)))
        {
            report.Add($"{path}.roles", $"'{role}' is not a role name like roles/pubsub.editor");
        }

        foreach (var other in service.ActAs.Where(a => !ServiceNames.All.Contains(a) || a == service.Name))
        {
            report.Add($"{path}.actAs", $"'{other}' is not another service");
        }
    }

    public static void CheckAcrossServices(ProblemReporter report)
    {
        var spec = report.Spec;
        foreach (var shared in spec.Services.GroupBy(s => s.ServiceAccount).Where(g => g.Count() > 1))
        {
            var names = shared.Select(s => s.Name).ToList();
            report.Add($"services.{names[1]}.serviceAccount", $"'{shared.Key}' is also {names[0]}'s; give each service its own service account so it gets only its own roles");
        }

        if (spec.Services.FirstOrDefault(s => s.ServiceAccount == spec.Build.ServiceAccount) is { } clash)
        {
            report.Add("build.serviceAccount", $"'{spec.Build.ServiceAccount}' is also {clash.Name}'s; builds need their own identity");
        }
    }

    private static void CheckImage(ProblemReporter report, ServiceSpec service, string path)
    {
        var image = ImageReference.Parse(service.Image);
        if (image is null)
        {
            report.Add($"{path}.image", $"'{service.Image}' is not an image reference like europe-west1-docker.pkg.dev/project/mlops/{service.Name}@sha256:<digest>");
        }
        else if (!image.IsPinned && report.Spec.Name != EnvironmentValidator.Development)
        {
            report.Add($"{path}.image", $"'{service.Image}' is a mutable tag; outside {EnvironmentValidator.Development} pin the image by digest (@sha256:...) so what was tested is what runs");
        }
        else if (image.Tag is null && image.Digest is null)
        {
            report.Add($"{path}.image", $"'{service.Image}' has neither tag nor digest; name the tag (not an implicit latest)");
        }
    }

    /// <summary>
    /// Ingress decides which networks reach a service, IAM who may invoke it: a public service has both open
    /// (ingress all, allUsers as invoker, granted by the deploy build), every other service has both closed, except
    /// that a service behind Identity-Aware Proxy on Cloud Run (the console) may take ingress all: IAP guards every
    /// path to it and admits only the people granted access (ConsoleRules).
    /// </summary>
    private static void CheckExposure(ProblemReporter report, ServiceSpec service, string path)
    {
        if (!Ingresses.Contains(service.Ingress))
        {
            report.Add($"{path}.ingress", $"'{service.Ingress}' is not an ingress setting; use {string.Join(", ", Ingresses)}");
        }
        else if (service.Public && service.Ingress == "internal")
        {
            report.Add($"{path}.ingress", "internal keeps a public service off the internet; use all (or internal-and-cloud-load-balancing behind a load balancer)");
        }
        else if (!service.Public && service.Ingress == "all" && service.Iap is null)
        {
            report.Add($"{path}.ingress", service.Name == ServiceNames.Console
                ? "all opens the console to the internet with nothing asking who is calling; turn Identity-Aware Proxy on for the service (iap.access), which guards every path to it, or keep internal-and-cloud-load-balancing behind a load balancer with IAP on its backend service"
                : $"all opens {service.Name} to the internet, but only a public service (public: true, the predictor) may be; use internal");
        }

        if (service.Public && service.Name != ServiceNames.Predictor)
        {
            report.Add($"{path}.public", "only the predictor may be public (anyone may invoke it); the other services are called by service identities");
        }
    }

    private static void CheckScaling(ProblemReporter report, ServiceSpec service, string path)
    {
        if (service.MinInstances < 0)
        {
            report.Add($"{path}.minInstances", $"{service.MinInstances} is negative");
        }

        if (service.MaxInstances < 1)
        {
            report.Add($"{path}.maxInstances", $"{service.MaxInstances} must be at least 1");
        }
        else if (service.MinInstances > service.MaxInstances)
        {
            report.Add($"{path}.minInstances", $"{service.MinInstances} is more than maxInstances ({service.MaxInstances})");
        }

        // Predictor replicas are interchangeable (each follows the Deployer's desired state), so the
        // Predictor scales out; the Deployer is the one writer of that state and runs the rollouts.
        if (service.Name == ServiceNames.Deployer && service.MaxInstances > 1)
        {
            report.Add($"{path}.maxInstances", $"{service.MaxInstances} must be 1: the Deployer is the single writer of the desired state and judges every rollout; a second instance would judge the same canary twice");
        }

        if (service.MinInstances == 0 && MessagingNames.Consumers.Contains(service.Name))
        {
            report.Add($"{path}.minInstances", "0 would stop the service pulling its Pub/Sub subscription; a pull consumer needs at least 1 instance");
        }
    }
}
