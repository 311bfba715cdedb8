namespace MlOps.Reliability.Tests;

public sealed class LedgerTests
{
    [Fact]
    public void The_table_groups_rows_by_class_and_escapes_cells()
    {
        var text = ReliabilityLedger.Render(
        [
            new("Input", "CSV | ragged rows", 1000, 0, null, "each refused with its errors"),
            new("Fault", "Trainer killed mid-training", 3, 0, 12.34, "the run completed after the restart"),
        ]);

        Assert.True(text.IndexOf("## Fault", StringComparison.Ordinal) < text.IndexOf("## Input", StringComparison.Ordinal));
        Assert.Contains("| Trainer killed mid-training | 3 | 0 | 12.3 s | the run completed after the restart |", text);
        Assert.Contains("| CSV \\| ragged rows | 1,000 | 0 | — |", text);
    }
}
