using Bunit;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class ModelVersionsPageTests : ConsoleComponentTest
{
    [Fact]
    public void A_model_with_no_versions_says_so_instead_of_an_empty_table()
    {
        Platform.Versions[Samples.Model] = [];

        var page = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Equal("No version of trips yet.", page.Find("#no-versions").TextContent);
        Assert.Empty(page.FindAll("#versions"));
        Assert.Empty(page.FindAll("#no-model"));
        Assert.Contains("read at 12:00:00 UTC", page.Find("#live").TextContent);
    }

    [Fact]
    public void An_unknown_model_is_named_as_one_the_registry_does_not_have()
    {
        var page = Render<ModelVersions>(p => p.Add(x => x.Model, "ghost"));

        Assert.Equal("The Registry has no model named ghost yet.", page.Find("#no-model").TextContent);
        Assert.Empty(page.FindAll("#no-versions"));
        Assert.Empty(page.FindAll("#versions"));
    }

    [Fact]
    public void Versions_are_listed_with_the_aliases_that_name_them()
    {
        Platform.Versions[Samples.Model] = [Samples.Version(2, Samples.Metrics(auc: 0.8512)), Samples.Version(1)];
        Platform.Aliases[Samples.Model] = new(new Dictionary<string, int> { ["serving"] = 1, ["champion"] = 1 }, []);

        var page = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        var rows = page.FindAll("#versions tbody tr");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains("0.8512", rows[0].TextContent);
        Assert.Empty(rows[0].QuerySelectorAll(".badge"));
        Assert.Equal(["champion", "serving"], rows[1].QuerySelectorAll(".badge").Select(b => b.TextContent));
    }

    [Fact]
    public void A_model_with_fewer_versions_than_a_page_counts_them_all_and_offers_no_other_page()
    {
        Platform.Versions[Samples.Model] = [Samples.Version(2), Samples.Version(1)];

        var page = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.StartsWith("2 versions of trips, newest first", page.Find("#versions caption").TextContent);
        Assert.Empty(page.FindAll("#versions-pages"));
    }

    [Fact]
    public void A_history_longer_than_a_page_names_the_versions_shown_and_links_to_the_older_page_and_back()
    {
        Platform.Versions[Samples.Model] = [.. Enumerable.Range(1, 250).Select(v => Samples.Version(v))];

        var newest = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.StartsWith("Versions v250 to v151 of trips, newest first", newest.Find("#versions caption").TextContent);
        Assert.Equal(100, newest.FindAll("#versions tbody tr").Count);
        Assert.Equal(["/models/trips?from=150"], Links(newest, "older"));
        Assert.Empty(Links(newest, "newest"));

        Navigate("/models/trips?from=150");
        var middle = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.StartsWith("Versions v150 to v51 of trips, newest first", middle.Find("#versions caption").TextContent);
        Assert.Equal(["/models/trips?from=50"], Links(middle, "older"));
        Assert.Equal(["/models/trips"], Links(middle, "newest"));

        Navigate("/models/trips?from=50");
        var oldest = Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model));

        Assert.StartsWith("Versions v50 to v1 of trips, the oldest, newest first", oldest.Find("#versions caption").TextContent);
        Assert.Equal(50, oldest.FindAll("#versions tbody tr").Count);
        Assert.Empty(Links(oldest, "older"));
        Assert.Equal(["/models/trips"], Links(oldest, "newest"));
    }

    [Fact]
    public void An_alias_history_longer_than_a_page_says_it_shows_only_the_newest_moves()
    {
        Platform.Versions[Samples.Model] = [Samples.Version(1)];
        Platform.Aliases[Samples.Model] = new(new Dictionary<string, int> { ["champion"] = 1 }, [new("champion", null, 1, "first version", Samples.At)]);

        Assert.Equal("Every move of an alias, newest first", Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model)).Find("#aliases caption").TextContent);

        Platform.OlderAliasMoves[Samples.Model] = 7;

        Assert.Equal("The newest 1 moves of an alias; older ones remain in the Registry", Render<ModelVersions>(p => p.Add(x => x.Model, Samples.Model)).Find("#aliases caption").TextContent);
    }

    private static IEnumerable<string?> Links(IRenderedComponent<ModelVersions> page, string which) =>
        page.FindAll($"#versions-pages a[data-page='{which}']").Select(a => a.GetAttribute("href"));
}
