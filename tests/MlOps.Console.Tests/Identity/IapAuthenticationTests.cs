using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace MlOps.WebConsole.Tests.Identity;

public sealed class IapAuthenticationTests(IapRig rig) : IClassFixture<IapRig>
{
    private const string Refused = "The console needs a user signed in through Identity-Aware Proxy: the IAP assertion was refused: ";

    [Fact]
    public async Task A_valid_iap_assertion_opens_the_console_as_the_user_it_names()
    {
        var (status, body) = await rig.Console.SendAsync("/", rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience));

        Assert.Equal(200, status);
        Assert.Equal($"Signed in as {IapRig.Viewer}", Html.Find(body, "#user")?.TextContent);
    }

    [Fact]
    public async Task A_request_without_the_iap_header_is_refused_with_a_message_naming_iap()
    {
        var (status, body) = await rig.Console.SendAsync("/", assertion: null);

        Assert.Equal(401, status);
        Assert.Equal(
            "The console needs a user signed in through Identity-Aware Proxy: no x-goog-iap-jwt-assertion header: the console is reached only through Identity-Aware Proxy",
            body);
    }

    [Theory]
    [InlineData("/_content/MlOps.Console/console.css", "GET")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", "POST")]
    public async Task The_static_assets_and_the_circuits_hub_need_the_assertion_too(string path, string method)
    {
        var without = await rig.Console.SendAsync(path, assertion: null, new HttpMethod(method));
        var with = await rig.Console.SendAsync(path, rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience), new HttpMethod(method));

        Assert.Equal((401, 200), (without.Status, with.Status));
    }

    [Fact]
    public async Task An_assertion_for_another_audience_is_refused()
    {
        var (status, body) = await rig.Console.SendAsync("/", rig.Iap.Assertion(IapRig.Viewer, "/projects/123456789/global/backendServices/1"));

        Assert.Equal(401, status);
        Assert.StartsWith(Refused, body);
        Assert.Contains("IDX10214", body);
    }

    [Fact]
    public async Task An_assertion_from_another_issuer_is_refused()
    {
        var (status, body) = await rig.Console.SendAsync("/", rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience, issuer: "https://accounts.google.com"));

        Assert.Equal(401, status);
        Assert.Contains("IDX10205", body);
    }

    [Fact]
    public async Task An_expired_assertion_is_refused()
    {
        var (status, body) = await rig.Console.SendAsync("/", rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience, expires: DateTime.UtcNow.AddMinutes(-5)));

        Assert.Equal(401, status);
        Assert.Contains("IDX10223", body);
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_under_iaps_key_id_is_refused()
    {
        var impostor = new IapSigner(rig.Iap.Key.KeyId);

        var (status, body) = await rig.Console.SendAsync("/", impostor.Assertion(IapRig.Operator, IapRig.Audience));

        Assert.Equal(401, status);
        Assert.StartsWith(Refused, body);
    }

    [Fact]
    public async Task An_hs256_assertion_is_refused_whatever_its_secret()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = rig.Iap.Key.KeyId };
        var assertion = IapSigner.Sign(IapRig.Operator, IapRig.Audience, IapSigner.Issuer, null, new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        var (status, body) = await rig.Console.SendAsync("/", assertion);

        Assert.Equal(401, status);
        Assert.StartsWith(Refused, body);
    }

    [Fact]
    public async Task An_unsigned_assertion_is_refused()
    {
        var signed = rig.Iap.Assertion(IapRig.Operator, IapRig.Audience).Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));

        var (status, body) = await rig.Console.SendAsync("/", $"{header}.{signed[1]}.");

        Assert.Equal(401, status);
        Assert.StartsWith(Refused, body);
    }

    [Fact]
    public async Task Iaps_keys_are_read_once_and_kept()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await rig.Console.SendAsync("/", rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience))).Status);
        }

        Assert.Equal(1, rig.Keys.Reads);
    }
}
