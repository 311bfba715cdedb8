using Npgsql;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>A fresh database per test on the PostgreSQL server that ./test.sh starts (MLOPS_TEST_POSTGRES).</summary>
internal static class PostgresDatabase
{
    public const string Variable = "MLOPS_TEST_POSTGRES";

    public static async Task<string> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"{Variable} is not set: run ./test.sh, which starts a PostgreSQL for the tests, or set it to a server's connection string");
        }

        var name = $"mlops_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
