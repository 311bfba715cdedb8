namespace MlOps.Platform.Storage;

/// <summary>Where a service keeps its records; the connection string is <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
