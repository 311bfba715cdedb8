using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MlOps.PubSub.Tests.Client;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApplicationDefaultCredentialsCollection
{
    // The tests point GOOGLE_APPLICATION_CREDENTIALS at their own key, so nothing else runs meanwhile.
    public const string Name = "application default credentials";
}

/// <summary>
/// The production path — TLS and a bearer token from Application Default Credentials — against a
/// local stand-in for pubsub.googleapis.com (gRPC over HTTP/2 and TLS) and for Google's OAuth 2.0
/// token endpoint, which checks the service account's signed JWT assertion as Google documents it.
/// </summary>
[Collection(ApplicationDefaultCredentialsCollection.Name)]
public sealed class PubSubProductionModeTests : IAsyncLifetime
{
    private const string AccessToken = "ya29.local-test-token";
    private const string ClientEmail = "mlops-trainer@mlops-test.iam.gserviceaccount.com";
    private readonly RSA _serviceAccountKey = RSA.Create(2048);
    private readonly X509Certificate2 _certificate = SelfSigned();
    private readonly ConcurrentQueue<(string? Authorization, bool Https, string Protocol, string Topic)> _calls = new();
    private readonly ConcurrentQueue<JsonElement> _assertions = new();
    private readonly string _credentialsFile = Path.Combine(Path.GetTempPath(), $"mlops-adc-{Guid.NewGuid():N}.json");
    private string? _previousCredentials;
    private WebApplication? _server;
    private string _grpcEndpoint = "";
    private string _tokenUri = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http2; o.UseHttps(_certificate); });
            kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
        });
        _server = builder.Build();
        _server.MapPost("/google.pubsub.v1.Publisher/GetTopic", GetTopic);
        _server.MapPost("/token", (Delegate)Token);
        await _server.StartAsync();
        var addresses = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        _grpcEndpoint = addresses.Single(a => a.Scheme == "https").Authority;
        _tokenUri = $"{addresses.Single(a => a.Scheme == "http").GetLeftPart(UriPartial.Authority)}/token";

        File.WriteAllText(_credentialsFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "mlops-test",
            ["private_key_id"] = "local-key-1",
            ["private_key"] = _serviceAccountKey.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["client_id"] = "1234567890",
            ["token_uri"] = _tokenUri,
        }));
        _previousCredentials = Environment.GetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS");
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", _credentialsFile);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", _previousCredentials);
        File.Delete(_credentialsFile);
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _certificate.Dispose();
        _serviceAccountKey.Dispose();
    }

    private PubSubClientSettings Production(bool trustTestCertificate) => new()
    {
        ProjectId = "mlops-test",
        ReadEmulatorVariable = false,
        Endpoint = _grpcEndpoint,
        Retry = new PubSubRetrySettings { MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(20) },
        // A private certificate authority, in effect: only this test's certificate is trusted.
        ConfigureHttpHandler = trustTestCertificate
            ? handler => handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString()
            : null,
    };

    [Fact]
    public async Task Calls_go_over_tls_and_http2_with_a_bearer_token_obtained_with_the_service_accounts_signed_assertion()
    {
        await using var client = PubSubClient.Create(Production(trustTestCertificate: true));

        var topic = await client.Topics.GetAsync("model-trained");
        var again = await client.Topics.GetAsync("drift-detected");

        Assert.Null(client.EmulatorHost);
        Assert.Equal("projects/mlops-test/topics/model-trained", topic!.Name);
        Assert.Equal("projects/mlops-test/topics/drift-detected", again!.Name);
        Assert.Equal(2, _calls.Count);
        Assert.All(_calls, call => Assert.Equal(("Bearer " + AccessToken, true, "HTTP/2"), (call.Authorization, call.Https, call.Protocol)));
        // One token for both calls: it is cached until it nears expiry.
        var assertion = Assert.Single(_assertions);
        Assert.Equal(ClientEmail, assertion.GetProperty("iss").GetString());
        // Google documents the audience as always its token endpoint, wherever the request is sent.
        Assert.Equal("https://oauth2.googleapis.com/token", assertion.GetProperty("aud").GetString());
        Assert.Equal(PubSubClientSettings.Scope, assertion.GetProperty("scope").GetString());
        Assert.True(assertion.GetProperty("exp").GetInt64() > assertion.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_server_certificate_the_machine_does_not_trust_is_refused_before_any_token_is_sent()
    {
        await using var client = PubSubClient.Create(Production(trustTestCertificate: false));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.Topics.GetAsync("model-trained"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Empty(_calls);
    }

    private async Task GetTopic(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = GetTopicRequest.Parser.ParseFrom(body.ToArray().AsSpan(5));
        _calls.Enqueue((context.Request.Headers.Authorization.ToString(), context.Request.IsHttps, context.Request.Protocol, request.Topic));
        context.Response.ContentType = "application/grpc";
        if (context.Request.Headers.Authorization != "Bearer " + AccessToken)
        {
            context.Response.AppendTrailer("grpc-status", ((int)StatusCode.Unauthenticated).ToString());
            return;
        }

        var reply = new Topic { Name = request.Topic }.ToByteArray();
        var frame = new byte[5 + reply.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)reply.Length);
        reply.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    // Google's token endpoint for service accounts: a JWT bearer grant whose RS256 assertion is
    // signed with the account's key (developers.google.com/identity/protocols/oauth2/service-account).
    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return Results.BadRequest(new { error = "unsupported_grant_type" });
        }

        var parts = form["assertion"].ToString().Split('.');
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var signed = _serviceAccountKey.VerifyData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!signed || header.GetProperty("alg").GetString() != "RS256")
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        _assertions.Enqueue(JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone());
        return Results.Json(new { access_token = AccessToken, expires_in = 3600, token_type = "Bearer" });
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
