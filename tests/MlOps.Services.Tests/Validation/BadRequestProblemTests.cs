using System.Net;
using System.Text;
using System.Text.Json;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Validation;

/// <summary>A body or parameter the framework cannot bind is answered as problem+json naming the field, not as an empty 400.</summary>
public sealed class BadRequestProblemTests
{
    [Theory]
    [InlineData("{\"model\":", "application/json", 400, "model")]
    [InlineData("{\"model\" \"taxi\"}", "application/json", 400, "body")]
    [InlineData("", "application/json", 400, "body")]
    [InlineData("[1,2]", "application/json", 400, "body")]
    [InlineData("{\"model\":\"taxi\",\"newestSnapshots\":\"three\"}", "application/json", 400, "newestSnapshots")]
    [InlineData("{\"model\":\"taxi\",\"newestSnapshots\":1e400}", "application/json", 400, "newestSnapshots")]
    [InlineData("{\"model\":\"taxi\",\"newestSnapshots\":18446744073709551616}", "application/json", 400, "newestSnapshots")]
    [InlineData("{\"model\":\"taxi\",\"driftAlertId\":\"not-a-guid\"}", "application/json", 400, "driftAlertId")]
    [InlineData("{\"model\":\"Bad Name\",\"model\":\"taxi\"}", "application/json", 400, "model")]
    [InlineData("{\"model\":\"taxi\"}", "text/plain", 415, "Content-Type")]
    public async Task A_body_that_cannot_be_read_gets_a_problem_naming_the_field(string body, string contentType, int status, string field)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer());

        using var response = await host.Http.PostAsync("/api/training", new StringContent(body, Encoding.UTF8, contentType));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_reader_allows_is_refused_with_a_problem()
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer());
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 10_000)) + "1" + new string('}', 10_000);

        using var response = await host.Http.PostAsync("/api/training", new StringContent(deep, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}
