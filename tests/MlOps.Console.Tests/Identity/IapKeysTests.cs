using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.WebConsole.Identity;
using MlOps.WebConsole.Tests.Components;

namespace MlOps.WebConsole.Tests.Identity;

/// <summary>IAP's key set as the console keeps it: read once, read again for a key id it does not hold (at most every five minutes), refused with a message when unreachable.</summary>
public sealed class IapKeysTests
{
    [Fact]
    public async Task A_key_id_the_set_does_not_hold_reads_the_keys_again_once_five_minutes_have_passed()
    {
        var first = new IapSigner("iap-key-1");
        var rotated = new IapSigner("iap-key-2");
        var endpoint = new KeyEndpoint(first);
        var clock = new MovableClock(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var keys = new IapKeys(new OneClient(endpoint), Options.Create(new ConsoleOptions { Iap = { KeysUrl = "http://iap.test/keys" } }), clock);

        var before = await keys.GetAsync("iap-key-1", CancellationToken.None);
        endpoint.Serve(first, rotated);
        var soon = await keys.GetAsync("iap-key-2", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(6));
        var later = await keys.GetAsync("iap-key-2", CancellationToken.None);

        Assert.Equal(["iap-key-1"], before.Select(k => k.KeyId));
        Assert.Equal(["iap-key-1"], soon.Select(k => k.KeyId));
        Assert.Equal(["iap-key-1", "iap-key-2"], later.Select(k => k.KeyId));
        Assert.Equal(2, endpoint.Reads);
    }

    [Fact]
    public async Task Keys_that_cannot_be_read_refuse_the_request_with_a_message_naming_where_they_were_looked_for()
    {
        var signer = new IapSigner();
        var closed = $"http://127.0.0.1:{MlOps.Platform.Net.LoopbackPort.Free()}/iap/verify/public_key-jwk";
        await using var console = await ConsoleHost.StartAsync(new Dictionary<string, string?>
        {
            ["Console:Iap:Audience"] = IapRig.Audience,
            ["Console:Iap:KeysUrl"] = closed,
        });

        var (status, body) = await console.SendAsync("/", signer.Assertion(IapRig.Viewer, IapRig.Audience));

        Assert.Equal(401, status);
        Assert.Contains($"IAP's signing keys could not be read from {closed}", body, StringComparison.Ordinal);
    }

    private sealed class KeyEndpoint(params IapSigner[] signers) : HttpMessageHandler
    {
        private IapSigner[] _signers = signers;

        public int Reads { get; private set; }

        public void Serve(params IapSigner[] signers) => _signers = signers;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Reads++;
            var json = JsonSerializer.Serialize(new { keys = _signers.Select(s => IapKeyServer.Jwk(s.Key)) });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json) });
        }
    }

    private sealed class OneClient(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
