namespace MlOps.PubSub.Tests.Client;

public sealed class PubSubClientSettingsTests
{
    [Fact]
    public void An_explicit_emulator_host_means_plaintext_to_that_host()
    {
        var settings = new PubSubClientSettings { EmulatorHost = "127.0.0.1:8085" };
        Assert.Equal(new Uri("http://127.0.0.1:8085"), settings.ResolveAddress());
    }

    [Fact]
    public void Without_an_emulator_the_client_uses_Google_Cloud_over_TLS()
    {
        var settings = new PubSubClientSettings { ReadEmulatorVariable = false };
        Assert.Null(settings.ResolveEmulatorHost());
        Assert.Equal(new Uri("https://pubsub.googleapis.com:443"), settings.ResolveAddress());
    }

    [Fact]
    public async Task Creating_a_production_client_needs_no_credentials_until_the_first_call()
    {
        await using var client = PubSubClient.Create(new PubSubClientSettings { ProjectId = "p", Endpoint = "pubsub.googleapis.com:443" });
        Assert.Equal("p", client.ProjectId);
    }
}
