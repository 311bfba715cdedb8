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

    [Theory]
    // IAP signs its header for one audience, and the console admits nothing without it
    [InlineData("prod", Audience, Remove, "prod", AudienceKey, "missing: the console admits a request only with IAP's signed header for its audience; set /projects/<project-number>/locations/europe-west1/services/console")]
    [InlineData("staging", Audience, "/projects/283746501928/global/backendServices/4711", "staging", AudienceKey, "the audience of IAP on a load balancer's backend service, but IAP is on the console's Cloud Run service")]
    [InlineData("staging", Audience, "/projects/283746501928/locations/us-central1/services/console", "staging", AudienceKey, "is not the audience IAP signs for")]
    [InlineData("staging", Audience, "/projects/283746501928/locations/europe-west1/services/predictor", "staging", AudienceKey, "is not the audience IAP signs for")]
    [InlineData("prod", Audience, "/projects/283746501928/locations/europe-west1/services/console", "prod", AudienceKey, "project number 283746501928 is not acme-mlops-prod's: the services' run.app URLs carry 918273645012")]
    [InlineData("dev", Audience, "{ secret: iap-audience, version: '1' }", "dev", AudienceKey, "is no credential")]
    [InlineData("base", "services/console/iap", Remove, "dev", AudienceKey, "the audience of IAP on a Cloud Run service, but the console has no iap section")]
    // exposure: ingress all only with IAP on the service, and IAP only for the console
    [InlineData("base", "services/console/iap", Remove, "base", "services.console.ingress", "all opens the console to the internet with nothing asking who is calling")]
    [InlineData("dev", "services/trainer/iap", "{ access: [group:ml-team@acme.example] }", "dev", "services.trainer.iap", "only the console is opened to people through IAP")]
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
        using var environments = new TempEnvironments();
        environments.Remove("base", "services/console/iap")
            .Set("base", "services/console/ingress", "internal-and-cloud-load-balancing")
            .Set("staging", Audience, "/projects/283746501928/global/backendServices/4711");

        var check = EnvironmentLoader.Check(environments.Folder, "staging");

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        Assert.False(ServiceRenderer.Render(check.Spec!, check.Spec!.Service(ServiceNames.Console)).Iap);
    }

    [Fact]
    public void A_console_behind_IAP_may_also_keep_internal_ingress_for_people_on_the_projects_networks()
    {
        using var environments = new TempEnvironments();
        environments.Set("base", "services/console/ingress", "internal");

        Assert.True(EnvironmentLoader.Check(environments.Folder, "dev").IsValid);
    }

    [Fact]
    public void Every_operator_listed_as_an_email_is_accepted_whatever_the_separator()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", Operators, "'ana@acme.example, ben@acme.example;cy@acme.example'");

        Assert.Empty(EnvironmentLoader.Check(environments.Folder, "dev").Problems);
    }
}
