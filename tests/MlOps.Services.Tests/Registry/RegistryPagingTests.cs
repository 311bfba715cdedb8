using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts.Api;
using MlOps.Registry;
using MlOps.Registry.Infrastructure;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Registry;

/// <summary>The lists that grow with a model's history come a page at a time, and a request's queries do not grow with it.</summary>
public abstract class RegistryPagingTests
{
    private readonly SqlCommandCounter _sql = new();

    protected abstract Task<Dictionary<string, string?>> Database();

    private async Task<WebModuleHost> Start() => await WebModuleHost.StartAsync(
        b =>
        {
            b.AddRegistry();
            b.Services.ConfigureDbContext<RegistryDbContext>(o => o.AddInterceptors(_sql));
        },
        a => a.MapRegistry(),
        await Database());

    /// <summary>Registers versions up to <paramref name="total"/> through the registry's own code, in one transaction.</summary>
    private static async Task RegisterUpTo(WebModuleHost host, int total)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var have = await db.Versions.CountAsync(); have < total; have++)
        {
            await registry.RegisterAsync(RegistryGateTests.Trained(0.8), CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    private static async Task PromoteByHand(WebModuleHost host, params int[] versions)
    {
        foreach (var version in versions)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ModelRegistry>().PromoteManuallyAsync("taxi", version, "test", CancellationToken.None);
        }
    }

    private static async Task<(T Body, string? Next)> Get<T>(WebModuleHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var next = response.Headers.TryGetValues("Link", out var links) ? Assert.Single(links) : null;
        return ((await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!, next);
    }

    private static string NextPath(string link) => link[(link.IndexOf('<') + 1)..link.IndexOf('>')];

    [Fact]
    public async Task The_versions_come_newest_first_a_page_at_a_time_and_each_page_links_the_next()
    {
        await using var host = await Start();
        await RegisterUpTo(host, 7);

        var (first, next) = await Get<List<VersionView>>(host, "/api/models/taxi/versions?pageSize=3");
        var (second, last) = await Get<List<VersionView>>(host, NextPath(next!));
        var (third, none) = await Get<List<VersionView>>(host, NextPath(last!));

        Assert.Equal([7, 6, 5], first.Select(v => v.Version));
        Assert.Equal("</api/models/taxi/versions?pageSize=3&pageToken=4>; rel=\"next\"", next);
        Assert.Equal([4, 3, 2], second.Select(v => v.Version));
        Assert.Equal([1], third.Select(v => v.Version));
        Assert.Null(none);
    }

    [Fact]
    public async Task Without_paging_parameters_a_history_shorter_than_a_page_comes_whole_and_unlinked()
    {
        await using var host = await Start();
        await RegisterUpTo(host, 5);
        await PromoteByHand(host, 3, 4);

        var (versions, versionsNext) = await Get<List<VersionView>>(host, "/api/models/taxi/versions");
        var (decisions, decisionsNext) = await Get<List<DecisionView>>(host, "/api/models/taxi/decisions");
        var (aliases, aliasesNext) = await Get<AliasesView>(host, "/api/models/taxi/aliases");

        Assert.Equal([5, 4, 3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal([5, 4, 3, 2, 1], decisions.Select(d => d.Version));
        Assert.All(decisions, d => Assert.NotNull(d.Challenger));
        Assert.Equal([4, 3, 1], aliases.History.Select(c => c.ToVersion!.Value));
        Assert.Equal((null, null, null), (versionsNext, decisionsNext, aliasesNext));
    }

    [Fact]
    public async Task The_decisions_and_the_alias_history_come_a_page_at_a_time_with_their_challengers()
    {
        await using var host = await Start();
        await RegisterUpTo(host, 6);
        await PromoteByHand(host, 2, 3, 4);

        var (decisions, decisionsNext) = await Get<List<DecisionView>>(host, "/api/models/taxi/decisions?pageSize=2&pageToken=4");
        var (aliases, aliasesNext) = await Get<AliasesView>(host, "/api/models/taxi/aliases?pageSize=2");
        var (olderAliases, _) = await Get<AliasesView>(host, NextPath(aliasesNext!));

        Assert.Equal([4, 3], decisions.Select(d => d.Version));
        Assert.All(decisions, d => Assert.Equal(0.8, d.Challenger!.Auc));
        Assert.EndsWith("pageSize=2&pageToken=2>; rel=\"next\"", decisionsNext);
        Assert.Equal(4, aliases.Aliases["champion"]);
        Assert.Equal([4, 3], aliases.History.Select(c => c.ToVersion!.Value));
        Assert.Equal([2, 1], olderAliases.History.Select(c => c.ToVersion!.Value));
    }

    [Theory]
    [InlineData("versions?pageSize=0", "pageSize")]
    [InlineData("versions?pageSize=1001", "pageSize")]
    [InlineData("decisions?pageToken=0", "pageToken")]
    [InlineData("aliases?pageSize=-1", "pageSize")]
    public async Task A_page_outside_its_range_is_refused_with_the_parameter_named(string path, string parameter)
    {
        await using var host = await Start();
        await RegisterUpTo(host, 1);

        using var response = await host.Http.GetAsync($"/api/models/taxi/{path}");
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ApiJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parameter, problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_request_issues_as_many_queries_with_250_versions_as_with_5_and_a_list_stops_at_a_page()
    {
        await using var host = await Start();
        string[] paths = ["/api/models", "/api/models/taxi/versions", "/api/models/taxi/versions/3", "/api/models/taxi/decisions", "/api/models/taxi/aliases"];
        async Task<List<long>> QueriesOfEach()
        {
            var queries = new List<long>();
            foreach (var path in paths)
            {
                var before = _sql.Count;
                await host.Http.GetByteArrayAsync(path);
                queries.Add(_sql.Count - before);
            }

            return queries;
        }

        await RegisterUpTo(host, 5);
        var few = await QueriesOfEach();
        await RegisterUpTo(host, 250);
        var many = await QueriesOfEach();
        var (page, next) = await Get<List<VersionView>>(host, "/api/models/taxi/versions");

        Assert.Equal(few, many);
        Assert.Equal(250, page[0].Version);
        Assert.Equal(Enumerable.Range(151, 100).Reverse(), page.Select(v => v.Version));
        Assert.Equal("</api/models/taxi/versions?pageSize=100&pageToken=150>; rel=\"next\"", next);
    }
}

public sealed class SqliteRegistryPagingTests : RegistryPagingTests
{
    protected override Task<Dictionary<string, string?>> Database() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class PostgresRegistryPagingTests : RegistryPagingTests
{
    protected override async Task<Dictionary<string, string?>> Database() => new()
    {
        ["Registry:Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:Registry"] = await PostgresDatabase.CreateAsync(),
    };
}
