using Bunit;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class LivePageTests : ConsoleComponentTest
{
    [Fact]
    public void A_service_that_stops_answering_is_shown_as_not_up_to_date_and_the_last_data_stays()
    {
        Platform.Models.Add(Samples.Summary());
        var page = Render<Models>();
        Assert.Equal("Live · read at 12:00:00 UTC", page.Find("#live").TextContent.Trim());

        Platform.Down.Add(PlatformClient.Registry);
        page.Render();

        var live = page.Find("#live");
        Assert.Equal("Not up to date: registry: connection refused (127.0.0.1:1)", live.QuerySelector(".problem")!.TextContent);
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), live.GetAttribute("data-updated"));
        Assert.Equal(["trips"], page.FindAll("#models tbody tr").Select(r => r.GetAttribute("data-model")));
    }

    [Fact]
    public void A_service_that_answers_again_clears_the_problem()
    {
        Platform.Down.Add(PlatformClient.Registry);
        var page = Render<Models>();
        Assert.NotNull(page.Find("#live .problem"));

        Platform.Down.Clear();
        page.Render();

        Assert.Empty(page.FindAll("#live .problem"));
        Assert.Equal("No model has been registered yet. Train one: mlops train, or run mlops loop.", page.Find("#no-models").TextContent);
    }

    [Fact]
    public void A_page_that_never_read_its_service_claims_no_data()
    {
        Platform.Down.Add(PlatformClient.Trainer);

        var page = Render<Training>();

        Assert.StartsWith("Not up to date: trainer:", page.Find("#live").TextContent.Trim());
        Assert.Null(page.Find("#live").GetAttribute("data-updated"));
        Assert.Equal("Reading the Trainer…", page.Find("h1 ~ p:not(#live)").TextContent);
        Assert.Empty(page.FindAll("#no-runs"));
    }

    [Fact]
    public void A_rollouts_page_whose_deployer_never_answered_claims_nothing_about_what_is_served()
    {
        Platform.Down.Add(PlatformClient.Deployer);

        var page = Render<Rollouts>(p => p.Add(x => x.Model, "trips"));

        Assert.Equal("Reading the Deployer…", page.Find("#no-split").TextContent);
        Assert.Empty(page.FindAll("#no-replicas"));
        Assert.Empty(page.FindAll("#no-rollouts"));
    }
}
