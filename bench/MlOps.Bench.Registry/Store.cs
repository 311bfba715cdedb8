using Npgsql;

/// <summary>A fresh Registry database: a SQLite file, or a new database on the PostgreSQL server given.</summary>
internal sealed record Store(string Name, string Provider, string? ConnectionString, Func<Task> DropAsync)
{
    public static Store Sqlite(string folder, string file) =>
        new("SQLite", "Sqlite", $"Data Source={Path.Combine(folder, file)}", () => Task.CompletedTask);

    public static async Task<Store> PostgresAsync(string server)
    {
        var name = $"mlops_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        return new Store("PostgreSQL", "PostgreSQL", connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
