using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Configuration;

namespace MlOps.Platform.Artifacts;

public static class ArtifactExtensions
{
    /// <summary>Registers the shared <see cref="ArtifactStore"/> bound to <c>MlOps:Artifacts</c>; safe to call from every module.</summary>
    public static IHostApplicationBuilder AddArtifactStore(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<ArtifactOptions>();
        builder.Services.TryAddSingleton<ArtifactStore>();
        return builder;
    }
}
