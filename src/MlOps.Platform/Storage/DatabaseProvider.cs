namespace MlOps.Platform.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}
