using Bunit;
using MlOps.Contracts;
using MlOps.WebConsole.Components.Charts;

namespace MlOps.WebConsole.Tests.Components;

public sealed class ConfusionMatrixTableTests : ConsoleComponentTest
{
    [Fact]
    public void No_matrix_says_none_was_recorded()
    {
        var table = Render<ConfusionMatrixTable>(p => p.Add(x => x.Matrix, null));

        Assert.Equal("No confusion matrix was recorded for this version.", table.Find("#confusion-missing").TextContent);
        Assert.Empty(table.FindAll("table"));
    }

    [Fact]
    public void Each_cell_holds_its_count_and_the_caption_the_holdout_total()
    {
        var table = Render<ConfusionMatrixTable>(p => p.Add(x => x.Matrix, new ConfusionMatrix(TruePositives: 4210, FalsePositives: 388, TrueNegatives: 5102, FalseNegatives: 300)));

        Assert.Equal("Confusion matrix on 10,000 holdout rows", table.Find("#confusion caption").TextContent);
        Assert.Equal("4,210 true positives", table.Find("[data-cell='tp']").TextContent);
        Assert.Equal("300 false negatives", table.Find("[data-cell='fn']").TextContent);
        Assert.Equal("388 false positives", table.Find("[data-cell='fp']").TextContent);
        Assert.Equal("5,102 true negatives", table.Find("[data-cell='tn']").TextContent);
        Assert.Equal(["Actually positive", "Actually negative"], table.FindAll("tbody th[scope='row']").Select(th => th.TextContent));
    }

    [Fact]
    public void An_all_zero_matrix_is_a_table_of_zeros_not_a_missing_one()
    {
        var table = Render<ConfusionMatrixTable>(p => p.Add(x => x.Matrix, new ConfusionMatrix(0, 0, 0, 0)));

        Assert.Equal("Confusion matrix on 0 holdout rows", table.Find("caption").TextContent);
        Assert.Equal(4, table.FindAll("td[data-cell]").Count(td => td.TextContent.StartsWith("0 ", StringComparison.Ordinal)));
    }
}
