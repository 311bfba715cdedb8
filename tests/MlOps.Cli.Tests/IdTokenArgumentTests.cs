using MlOps.Cli;
using MlOps.Cli.Commands;

namespace MlOps.Cli.Tests;

/// <summary><c>--token [&lt;service&gt;=]&lt;token&gt;</c>: each service gets its own token, or the bare one.</summary>
public sealed class IdTokenArgumentTests
{
    private static readonly Dictionary<string, string> Services = new()
    {
        ["trainer"] = "https://trainer-1.europe-west1.run.app",
        ["drift-watcher"] = "https://drift-watcher-1.europe-west1.run.app/",
        ["deployer"] = "http://127.0.0.1:5003",
    };

    [Fact]
    public void A_named_token_goes_to_its_service_and_a_bare_one_to_every_other()
    {
        var tokenFor = IdTokenArguments.Parse(["trainer=eyJ.trainer.sig", "eyJ.every.sig"], Services);

        IReadOnlyList<string?> tokens =
        [
            tokenFor(new Uri("https://trainer-1.europe-west1.run.app/api/training")),
            tokenFor(new Uri("https://drift-watcher-1.europe-west1.run.app/api/drift/taxi-tips/snapshots")),
            tokenFor(new Uri("http://127.0.0.1:5003/api/deployments/current/taxi-tips")),
        ];

        Assert.Equal<string?>(["eyJ.trainer.sig", "eyJ.every.sig", "eyJ.every.sig"], tokens);
    }

    [Fact]
    public void Without_tokens_calls_carry_none()
    {
        var tokenFor = IdTokenArguments.Parse([], Services);

        Assert.Null(tokenFor(new Uri("https://trainer-1.europe-west1.run.app/api/training")));
    }

    [Fact]
    public void A_token_for_a_service_the_verb_does_not_call_is_refused()
    {
        var failure = Assert.Throws<CliException>(() => IdTokenArguments.Parse(["registry=eyJ.x.y"], Services));

        Assert.Contains("registry is not one of trainer, drift-watcher, deployer", failure.Message, StringComparison.Ordinal);
    }
}
