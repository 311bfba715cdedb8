using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlOps.Platform.Configuration;
using MlOps.Platform.Storage;
using MlOps.Registry.Vertex;

namespace MlOps.Registry;

/// <summary>Bound from <c>Registry</c>; the connection string is <c>ConnectionStrings:Registry</c>.</summary>
public sealed class RegistryOptions : ISettings
{
    public const string ConnectionName = "Registry";

    public static string Section => "Registry";

    [ValidateObjectMembers]
    public DatabaseOptions Database { get; set; } = new();

    [ValidateObjectMembers]
    public GatePolicy Gate { get; set; } = new();

    [ValidateObjectMembers]
    public VertexMirrorOptions Vertex { get; set; } = new();
}

/// <summary>When a challenger becomes champion.</summary>
public sealed class GatePolicy
{
    /// <summary>A challenger below this holdout AUC is rejected.</summary>
    [Range(0.5, 1.0)]
    public double MinimumAuc { get; set; } = 0.70;

    /// <summary>AUC gain over the champion, on the challenger's holdout, needed to promote; below zero, a margin of non-inferiority.</summary>
    [Range(-1.0, 1.0)]
    public double MinimumImprovement { get; set; } = 0.005;
}
