using System.ComponentModel.DataAnnotations;

namespace MlOps.Deployer;

/// <summary>The serving fleet as the Deployer sees it: <c>Deployer:Fleet</c>.</summary>
public sealed class FleetOptions
{
    /// <summary>A replica that has not reported for this long is no longer live.</summary>
    [Range(1, 3600)]
    public int LiveSeconds { get; set; } = 5;

    /// <summary>A version that has all of the split but that not every live replica serves by then is rolled back.</summary>
    [Range(1, 86_400)]
    public int ConvergeSeconds { get; set; } = 120;

    /// <summary>The longest a replica's long poll for the next desired state is held.</summary>
    [Range(1, 60)]
    public int MaxWaitSeconds { get; set; } = 8;
}
