using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MlOps.WebConsole.Identity;

/// <summary>
/// Behind Identity-Aware Proxy: every request carries <c>x-goog-iap-jwt-assertion</c>, an ES256 JWT that IAP signs
/// for this console's audience, naming the signed-in user. It is checked on every request — signature, issuer,
/// audience, lifetime — so a request that reached the console around IAP is refused.
/// </summary>
internal sealed class IapAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ConsoleOptions> console, IapKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "x-goog-iap-jwt-assertion";
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } assertion)
        {
            return AuthenticateResult.Fail($"no {Header} header: the console is reached only through Identity-Aware Proxy");
        }

        var iap = console.Value.Iap;
        IReadOnlyList<SecurityKey> signingKeys;
        try
        {
            signingKeys = await keys.GetAsync(KeyId(assertion), Context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException or System.Text.Json.JsonException)
        {
            Logger.LogError(e, "IAP's signing keys could not be read from {KeysUrl}", iap.KeysUrl);
            return AuthenticateResult.Fail($"IAP's signing keys could not be read from {iap.KeysUrl}: {e.Message}");
        }

        var result = await Tokens.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = iap.Issuer,
            ValidAudience = iap.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKeys = signingKeys,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail($"the IAP assertion was refused: {result.Exception?.Message}");
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, Scheme.Name, "email", ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static string? KeyId(string assertion)
    {
        try
        {
            return Tokens.ReadJsonWebToken(assertion).Kid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.ContentType = "text/plain; charset=utf-8";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? "not signed in";
        await Response.WriteAsync($"The console needs a user signed in through Identity-Aware Proxy: {failure}");
    }
}

/// <summary>
/// IAP's public keys, read from <see cref="IapOptions.KeysUrl"/> and kept for an hour; read again sooner, at most every
/// five minutes, when an assertion names a key id they do not hold (Google publishes new keys before it signs with them).
/// </summary>
internal sealed class IapKeys(IHttpClientFactory clients, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string Client = "mlops-iap-keys";
    private static readonly TimeSpan Fresh = TimeSpan.FromHours(1);
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeySet? _keys;

    public async Task<IReadOnlyList<SecurityKey>> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (_keys is { } held && Usable(held, keyId))
        {
            return held.Keys;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is { } again && Usable(again, keyId))
            {
                return again.Keys;
            }

            var json = await clients.CreateClient(Client).GetStringAsync(options.Value.Iap.KeysUrl, cancellationToken);
            var read = new KeySet([.. new JsonWebKeySet(json).GetSigningKeys()], time.GetUtcNow());
            _keys = read;
            return read.Keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Usable(KeySet keys, string? keyId)
    {
        var age = time.GetUtcNow() - keys.ReadAt;
        return age < Fresh && (keyId is null || age < Retry || keys.Keys.Any(k => k.KeyId == keyId));
    }

    private sealed record KeySet(IReadOnlyList<SecurityKey> Keys, DateTimeOffset ReadAt);
}
