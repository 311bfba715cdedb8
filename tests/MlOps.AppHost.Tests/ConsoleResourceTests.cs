using Microsoft.Extensions.DependencyInjection;

namespace MlOps.AppHost.Tests;

/// <summary>The console under the AppHost: linked from the dashboard, reading the four services it references, in Development.</summary>
[Collection(AspireApp.Collection)]
public sealed class ConsoleResourceTests(AspireApp aspire)
{
    [Fact]
    public async Task The_dashboard_links_the_console_and_its_pages_show_the_loop_that_ran_under_the_AppHost()
    {
        var notifications = aspire.App.Services.GetRequiredService<ResourceNotificationService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var console = await notifications.WaitForResourceAsync("console", e => e.Snapshot.Urls.Any(u => u.DisplayProperties.DisplayName == "Console"), timeout.Token);
        using var http = aspire.Client("console");

        var models = await http.GetStringAsync("/");
        var versions = await http.GetStringAsync($"/models/{AspireApp.Model}");

        Assert.Contains(console.Snapshot.Urls, u => u.DisplayProperties.DisplayName == "Console" && !u.IsInternal);
        Assert.Contains($"data-model=\"{AspireApp.Model}\"", models, StringComparison.Ordinal);
        Assert.Contains("data-version=\"2\"", versions, StringComparison.Ordinal);
        Assert.DoesNotContain("Not up to date", versions, StringComparison.Ordinal);
    }
}
