using System.Net;
using System.Text;
using System.Text.Json;
using MlOps.Contracts.Api;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Tests.Components;

namespace MlOps.WebConsole.Tests.Clients;

public sealed class PlatformClientPagingTests
{
    private static readonly string Page = JsonSerializer.Serialize(new[] { Samples.Version(150) }, ApiJson.Options);

    [Fact]
    public async Task The_registrys_next_link_gives_the_older_pages_token_and_the_token_asked_for_is_sent()
    {
        var registry = new Registry("</api/models/trips/versions?pageSize=100&pageToken=49>; rel=\"next\"");
        var client = new PlatformClient(registry);

        var page = await client.VersionsAsync("trips", 150, CancellationToken.None);

        Assert.Equal("/api/models/trips/versions?pageToken=150", registry.Asked);
        Assert.Equal(150, Assert.Single(page!.Value).Version);
        Assert.Equal(49, page.Older);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("</api/models/trips/versions?pageToken=49>; rel=\"prev\"")]
    [InlineData("</api/models/trips/versions?pageToken=x>; rel=\"next\"")]
    [InlineData("</api/models/trips/versions>; rel=\"next\"")]
    public async Task Without_a_usable_next_link_the_page_is_the_last(string? link)
    {
        var registry = new Registry(link);
        var client = new PlatformClient(registry);

        var page = await client.DecisionsAsync("trips", null, CancellationToken.None);

        Assert.Equal("/api/models/trips/decisions", registry.Asked);
        Assert.Null(page!.Older);
    }

    [Fact]
    public async Task Of_several_links_the_next_one_is_followed()
    {
        var client = new PlatformClient(new Registry("</api/models/trips/versions?pageToken=900>; rel=\"first\", </api/models/trips/versions?pageSize=100&pageToken=7>; rel=\"next\""));

        Assert.Equal(7, (await client.VersionsAsync("trips", null, CancellationToken.None))!.Older);
    }

    // The Registry as one HTTP answer: a page of versions (or of decisions: the body is not read for them here) and the given Link header.
    private sealed class Registry(string? link) : HttpMessageHandler, IHttpClientFactory
    {
        public string? Asked { get; private set; }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri($"http://{name}") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked = request.RequestUri!.PathAndQuery;
            var body = request.RequestUri.AbsolutePath.EndsWith("/decisions", StringComparison.Ordinal) ? "[]" : Page;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (link is not null)
            {
                response.Headers.TryAddWithoutValidation("Link", link);
            }

            return Task.FromResult(response);
        }
    }
}
