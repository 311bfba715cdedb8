using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Registry.Infrastructure;

/// <summary>Runs each operation once, captures the SELECTs it issued and asks the database for their plans: a full scan of a table that grows with the versions is a missing index.</summary>
internal static class QueryPlans
{
    private static readonly string[] Growing = ["Versions", "Decisions", "AliasChanges", "Failures"];

    public static async Task<List<string>> FullScansAsync(Target target, string provider)
    {
        var scans = new List<string>();
        foreach (var operation in Operation.All)
        {
            target.Host.Sql.Capture();
            await operation.Call(target);
            var commands = target.Host.Sql.StopCapturing();
            foreach (var command in commands.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).DistinctBy(c => c.Text))
            {
                foreach (var line in await PlanAsync(target, provider, command))
                {
                    if (IsFullScan(line, command.Text, provider))
                    {
                        scans.Add($"{operation.Name}: `{line.Trim()}` in `{OneLine(command.Text)}`");
                    }
                }
            }
        }

        return scans;
    }

    // SQLite names the alias ("SCAN v"), PostgreSQL the table ("Seq Scan on \"Versions\" v"); a subquery's alias (m0) is its table's alias with a number.
    private static bool IsFullScan(string line, string sql, string provider)
    {
        if (provider == "PostgreSQL")
        {
            return line.Contains("Seq Scan on", StringComparison.Ordinal) && Growing.Any(t => line.Contains($"\"{t}\"", StringComparison.Ordinal));
        }

        var words = line.Trim().Split(' ');
        if (words is not ["SCAN", var alias, ..])
        {
            return false;
        }

        var tables = Regex.Matches(sql, "\"(\\w+)\" AS \"(\\w+)\"").DistinctBy(m => m.Groups[2].Value).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value, StringComparer.Ordinal);
        var table = tables.GetValueOrDefault(alias) ?? tables.GetValueOrDefault(alias.TrimEnd("0123456789".ToCharArray())) ?? alias;
        return Growing.Contains(table);
    }

    private static async Task<List<string>> PlanAsync(Target target, string provider, CapturedCommand command)
    {
        await using var scope = target.Host.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = (provider == "PostgreSQL" ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.Text;
        foreach (var p in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.Value = p.Value ?? DBNull.Value;
            parameter.DbType = p.Type;
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using DbDataReader reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return lines;
    }

    private static string OneLine(string sql)
    {
        var text = string.Join(' ', sql.Split(['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
