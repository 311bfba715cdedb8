using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>The console behind Identity-Aware Proxy, and the calls services make to each other: one broken key per rule.</summary>
public sealed class ConsoleRuleTests
{
    private const string Remove = BrokenKey.Remove;
    private const string Audience = "services/console/settings/Console:Iap:Audience";
    private const string AudienceKey = "services.console.settings.Console:Iap:Audience";
    private const string Access = "services/console/iap/access";
    private const string Operators = "services/console/settings/Console:Operators";
    private const string Domain = "services/console/iap/domain";
    private const string DomainKey = "services.console.iap.domain";

    [Theory]
    // IAP signs its header for one audience, and the console admits nothing without it
    [InlineData("prod", Audience, Remove, "prod", AudienceKey, "missing: the console admits a request only with IAP's signed header for its audience; set /projects/<project-number>/locations/europe-west1/services/console")]
    [InlineData("staging", Audience, "/projects/283746501928/global/backendServices/4711", "staging", AudienceKey, "the audience of IAP on a load balancer's backend service, but IAP is on the console's Cloud Run service")]
    [InlineData("staging", Audience, "/projects/283746501928/locations/us-central1/services/console", "staging", AudienceKey, "is not the audience IAP signs for")]
    [InlineData("staging", Audience, "/projects/283746501928/locations/europe-west1/services/predictor", "staging", AudienceKey, "is not the audience IAP signs for")]
    [InlineData("prod", Audience, "/projects/283746501928/locations/europe-west1/services/console", "prod", AudienceKey, "project number 283746501928 is not acme-mlops-prod's: the services' run.app URLs carry 918273645012")]
    [InlineData("dev", Audience, "{ secret: iap-audience, version: '1' }", "dev", AudienceKey, "is no credential")]
    // exposure: IAP only for the console, and a way in for browsers: the load balancer at iap.domain, or ingress all
    [InlineData("dev", "services/trainer/iap", "{ access: [group:ml-team@acme.example] }", "dev", "services.trainer.iap", "only the console is opened to people through IAP")]
    [InlineData("dev", Domain, Remove, "dev", DomainKey, "missing: with ingress internal-and-cloud-load-balancing people reach console only through a load balancer; set the host name it serves")]
    [InlineData("base", "services/console/ingress", "internal", "base", "services.console.ingress", "internal admits only requests from the project's VPC networks, so browsers could not reach console at all, IAP or not")]
    [InlineData("prod", Domain, "https://console.mlops.acme.example", "prod", DomainKey, "'https://console.mlops.acme.example' is not a DNS name")]
    [InlineData("prod", Domain, "console.mlops.acme.example.", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "'console.mlops.acme.example:443'", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "'*.mlops.acme.example'", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "Console.Mlops.Acme.Example", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "console", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "console_ui.acme.example", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "'-console.acme.example'", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "'34.120.0.7'", "prod", DomainKey, "is not a DNS name")]
    [InlineData("prod", Domain, "a123456789a123456789a123456789a123456789a123456789a123456789abcd.acme.example", "prod", DomainKey, "is not a DNS name")]
    [InlineData("dev", "services/console/public", "true", "dev", "services.console.public", "only the predictor may be public")]
    [InlineData("dev", "services/console/iap/members", "[group:ml-team@acme.example]", "dev", "services.console.iap.members", "unknown key")]
    // who may pass IAP, and who may act
    [InlineData("dev", Access, "[allUsers]", "dev", "services.console.iap.access", "allUsers lets anyone (with any Google account) through IAP")]
    [InlineData("dev", Access, "[ml-team@acme.example]", "dev", "services.console.iap.access", "'ml-team@acme.example' is not a principal IAP admits")]
    [InlineData("dev", Access, "[]", "dev", "services.console.iap.access", "nobody could open the console")]
    [InlineData("dev", Access, "[group:ml-team@acme.example, group:ML-team@acme.example]", "dev", "services.console.iap.access", "is listed more than once")]
    [InlineData("prod", Operators, "group:ml-oncall@acme.example", "prod", "services.console.settings.Console:Operators", "is a principal, not an email: the console compares the signed-in person's email")]
    [InlineData("prod", Operators, "ml-lead", "prod", "services.console.settings.Console:Operators", "'ml-lead' is not an email")]
    // what the console reads, and how it calls
    [InlineData("staging", "services/console/settings/services:trainer:http:0", Remove, "staging", "services.console.settings.services:trainer:http:0", "missing: the console reads trainer's API at this URL")]
    [InlineData("staging", "services/console/settings/services:trainer:http:0", "https://registry-283746501928.europe-west1.run.app", "staging", "services.console.settings.services:trainer:http:0", "is not trainer's URL as it knows it ('https://trainer-283746501928.europe-west1.run.app', its MlOps:Identity:Audience)")]
    [InlineData("dev", "services/predictor/settings/services:deployer:http:0", "https://deployer-104729305918.europe-west1.run.app/v1", "dev", "services.predictor.settings.services:deployer:http:0", "is not deployer's URL as it knows it")]
    [InlineData("base", "services/console/settings/MlOps:Identity:Tokens", Remove, "dev", "services.console.settings.MlOps:Identity:Tokens", "must be Metadata: console calls registry, trainer, deployer, drift-watcher")]
    [InlineData("base", "services/predictor/settings/MlOps:Identity:Tokens", "None", "base", "services.predictor.settings.MlOps:Identity:Tokens", "must be Metadata: predictor calls deployer")]
    // the console's own settings
    [InlineData("dev", "services/console/settings/MlOps:Identity:Audience", "https://console-104729305918.europe-west1.run.app", "dev", "services.console.settings.MlOps:Identity:Audience", "console does not read it")]
    [InlineData("dev", "services/console/settings/MlOps:PubSub:AckDeadlineSeconds", "60", "dev", "services.console.settings.MlOps:PubSub:AckDeadlineSeconds", "console does not read it")]
    [InlineData("dev", "services/console/settings/Console:Iap:KeysUrl", "http://127.0.0.1:9/keys", "dev", "services.console.settings.Console:Iap:KeysUrl", "do not set it here: IAP's own signing keys")]
    [InlineData("dev", "services/console/settings/Console:RefreshSeconds", "0", "dev", "services.console.settings.Console:RefreshSeconds", "0 is out of range: must be at least 1 and at most 60")]
    [InlineData("staging", "services/console/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/console:main", "staging", "services.console.image", "is a mutable tag")]
    [InlineData("prod", "services/console/serviceAccount", "mlops-predictor", "prod", "services.console.serviceAccount", "'mlops-predictor' is also predictor's")]
    public void A_broken_key_is_reported_with_its_file_key_and_reason(string edited, string path, string value, string file, string key, string reason) =>
        BrokenKey.IsReported(edited, path, value, file, key, reason);

    [Fact]
    public void An_environment_without_a_console_validates_and_renders_the_five_services_only()
    {
        using var environments = new TempEnvironments().WithoutConsole();

        var check = EnvironmentLoader.Check(environments.Folder, "prod");

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Equal(ServiceNames.Loop, ServiceRenderer.Render(check.Spec!).Select(s => s.Name));
    }

    [Fact]
    public void A_console_behind_a_load_balancer_with_IAP_on_its_backend_service_validates_with_that_audience_and_no_ingress_all()
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();
        environments.Set("staging", Audience, "/projects/283746501928/global/backendServices/4711");

        var check = EnvironmentLoader.Check(environments.Folder, "staging");

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Equal("internal-and-cloud-load-balancing", check.Spec!.Service(ServiceNames.Console).Ingress);
        Assert.False(ServiceRenderer.Render(check.Spec!, check.Spec!.Service(ServiceNames.Console)).Iap);
    }

    [Fact]
    public void A_console_without_IAP_on_its_service_keeps_the_audience_of_IAP_on_a_backend_service()
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();

        var problems = EnvironmentLoader.Check(environments.Folder, "dev").Problems;

        Assert.Contains(problems, p => p.Key == AudienceKey && p.Message.Contains("the audience of IAP on a Cloud Run service, but the console has no iap section", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingress_all_without_IAP_on_the_service_opens_the_console_to_anyone_and_is_refused()
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();
        environments.Set("base", "services/console/ingress", "all");

        var problems = EnvironmentLoader.Check(environments.Folder, "dev").Problems;

        Assert.Contains(problems, p => p.File == "environments/base/environment.yaml" && p.Key == "services.console.ingress"
            && p.Message.Contains("all opens the console to the internet with nothing asking who is calling", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Ingress_all_with_IAP_on_the_service_needs_no_domain(string environment)
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();
        environments.Set("base", "services/console/ingress", "all").Set("base", "services/console/iap", "{ access: [group:ml-team@acme.example] }");

        var check = EnvironmentLoader.Check(environments.Folder, environment);

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Null(check.Spec!.Service(ServiceNames.Console).Iap!.Domain);
    }

    [Theory]
    [InlineData("console.mlops.acme.example")]
    [InlineData("ops.example")]
    [InlineData("console-2.eu.mlops.acme.example")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789abc.acme.example")]
    public void A_domain_that_is_a_DNS_name_is_accepted(string domain)
    {
        using var environments = new TempEnvironments();
        environments.Set("prod", Domain, domain);

        var check = EnvironmentLoader.Check(environments.Folder, "prod");

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.Equal(domain, check.Spec!.Service(ServiceNames.Console).Iap!.Domain);
    }

    [Fact]
    public void Every_environment_gives_the_console_its_own_domain()
    {
        var domains = RepositoryFiles.Environments.Names()
            .Select(e => EnvironmentLoader.LoadValid(RepositoryFiles.Environments, e).Service(ServiceNames.Console).Iap!.Domain)
            .ToList();

        Assert.Equal(["console.dev.mlops.acme.example", "console.mlops.acme.example", "console.staging.mlops.acme.example"], domains.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_operator_listed_as_an_email_is_accepted_whatever_the_separator()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", Operators, "'ana@acme.example, ben@acme.example;cy@acme.example'");

        Assert.Empty(EnvironmentLoader.Check(environments.Folder, "dev").Problems);
    }
}
