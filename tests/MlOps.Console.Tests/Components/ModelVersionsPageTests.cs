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
}
