using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MlOps.WebConsole.Identity;

namespace MlOps.WebConsole.Tests.Identity;

public sealed class LocalUserTests
{
    [Fact]
    public async Task Without_an_audience_a_caller_on_this_machine_gets_in_as_the_local_operator()
    {
        await using var console = await ConsoleHost.StartAsync(new Dictionary<string, string?>());

        var (status, body) = await console.SendAsync("/", assertion: null);

        Assert.Equal(200, status);
        Assert.Equal($"Signed in as {ConsoleUsers.LocalOperator}", Html.Find(body, "#user")?.TextContent);
    }

    [Fact]
    public async Task Without_an_audience_a_caller_from_another_machine_is_turned_away()
    {
        await using var console = await ConsoleHost.StartAsync(new Dictionary<string, string?>(), CallersFrom(IPAddress.Parse("10.1.2.3")));

        var (status, body) = await console.SendAsync("/", assertion: null);

        Assert.Equal(403, status);
        Assert.Equal("The console answers only this machine: Console:Iap:Audience is not set, and 10.1.2.3 is not local. Put the console behind IAP to open it to people.", body);
    }

    [Fact]
    public async Task Without_an_audience_an_iap_header_does_not_make_a_remote_caller_local()
    {
        var iap = new IapSigner();
        await using var console = await ConsoleHost.StartAsync(new Dictionary<string, string?>(), CallersFrom(IPAddress.Parse("::ffff:10.1.2.3")));

        var (status, _) = await console.SendAsync("/", iap.Assertion(IapRig.Operator, "anything"));

        Assert.Equal(403, status);
    }

    /// <summary>Makes every request look as if it came from <paramref name="address"/>, as a caller on the network would.</summary>
    private static Action<WebApplicationBuilder> CallersFrom(IPAddress address) =>
        builder => builder.Services.AddSingleton<IStartupFilter>(new RemoteAddress(address));

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
