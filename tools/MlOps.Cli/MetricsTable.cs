using MlOps.Core.Evaluation;
using Spectre.Console;

namespace MlOps.Cli;

internal static class MetricsTable
{
    public static void Write(CliConsole console, BinaryMetrics metrics, BinaryMetrics? champion = null)
    {
        var table = new Table().AddColumns("metric", champion is null ? "value" : "challenger");
        if (champion is not null)
        {
            table.AddColumns("champion", "difference");
        }

        void Row(string name, Func<BinaryMetrics, double> get)
        {
            var cells = new List<string> { name, get(metrics).ToString("F4") };
            if (champion is not null)
            {
                cells.Add(get(champion).ToString("F4"));
                cells.Add((get(metrics) - get(champion)).ToString("+0.0000;-0.0000;0.0000"));
            }

            table.AddRow([.. cells]);
        }

        Row("AUC", m => m.Auc);
        Row("accuracy", m => m.Accuracy);
        Row("F1", m => m.F1);
        Row("precision", m => m.Precision);
        Row("recall", m => m.Recall);
        Row("log-loss", m => m.LogLoss);
        console.Ansi.Write(table);

        var c = metrics.Confusion;
        console.Ansi.WriteLine($"confusion at {metrics.Threshold}: TP {c.TruePositives:N0}  FP {c.FalsePositives:N0}  TN {c.TrueNegatives:N0}  FN {c.FalseNegatives:N0}  (n={metrics.Count:N0})");
    }
}
