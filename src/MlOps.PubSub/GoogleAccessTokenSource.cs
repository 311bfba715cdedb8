using Google.Apis.Auth.OAuth2;

namespace MlOps.PubSub;

/// <summary>Bearer tokens from Application Default Credentials, loaded on first use so that
/// creating a client never needs credentials.</summary>
internal sealed class GoogleAccessTokenSource
{
    private readonly Lazy<Task<ITokenAccess>> _credential = new(LoadAsync);

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await _credential.Value.ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ITokenAccess> LoadAsync()
    {
        var credential = await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false);
        return credential.CreateScoped(PubSubClientSettings.Scope);
    }
}
