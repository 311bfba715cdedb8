using System.ComponentModel.DataAnnotations;

namespace MlOps.Registry;

/// <summary>Bound from <c>Registry</c>; the connection string is <c>ConnectionStrings:Registry</c>.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    public DatabaseOptions Database { get; set; } = new();

    public GatePolicy Gate { get; set; } = new();
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>When a challenger becomes champion.</summary>
public sealed class GatePolicy
{
    /// <summary>A challenger below this holdout AUC is rejected.</summary>
    [Range(0.0, 1.0)]
    public double MinimumAuc { get; set; } = 0.70;

    /// <summary>AUC gain over the champion, on the challenger's holdout, needed to promote.</summary>
    [Range(-1.0, 1.0)]
    public double MinimumImprovement { get; set; } = 0.005;
}
