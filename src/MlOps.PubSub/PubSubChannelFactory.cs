using System.Net;
using Grpc.Core;
using Grpc.Net.Client;

namespace MlOps.PubSub;

internal static class PubSubChannelFactory
{
    public static GrpcChannel Create(PubSubClientSettings settings)
    {
        var address = settings.ResolveAddress();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        settings.ConfigureHttpHandler?.Invoke(handler);
        var options = new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = HttpVersion.Version20,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            DisposeHttpClient = true,
        };
        if (address.Scheme == Uri.UriSchemeHttp)
        {
            options.Credentials = ChannelCredentials.Insecure;
        }
        else
        {
            var tokens = new GoogleAccessTokenSource();
            var bearer = CallCredentials.FromInterceptor(async (context, metadata) =>
                metadata.Add("authorization", "Bearer " + await tokens.GetTokenAsync(context.CancellationToken).ConfigureAwait(false)));
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, bearer);
        }
        return GrpcChannel.ForAddress(address, options);
    }
}
