using System.CommandLine;
using MlOps.Core.Data;
using Spectre.Console;

namespace MlOps.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("data") { Description = "CSV file or folder of dated CSV snapshots" };
        var schema = new Option<string>("--schema") { Description = "Feature schema file", Required = true };
        var newest = new Option<int?>("--newest") { Description = "For a folder: only the newest N snapshots" };
        var maxMissing = new Option<double?>("--max-missing") { Description = "Largest share of missing values per column (overrides the schema)" };

        var command = new Command("validate", "Check a dataset against a feature schema and report every problem")
        {
            data, schema, newest, maxMissing, CommandExtensions.Json,
        };
        command.Handle(console, parse =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var result = DataLoading.Load(console, json, parse.GetValue(data)!, DataLoading.Schema(parse.GetValue(schema)!), parse.GetValue(newest),
                new DatasetReadOptions { KeepData = false, MaxMissingShare = parse.GetValue(maxMissing) });
            var report = result.Report;
            if (json)
            {
                console.WriteJson(new
                {
                    valid = report.IsValid,
                    rows = report.RowCount,
                    problems = report.TotalIssues,
                    countByCode = report.CountByCode,
                    issues = report.Issues,
                    fingerprint = result.Info.Fingerprint,
                });
            }
            else
            {
                console.Ansi.WriteLine(report.ToText());
            }

            if (!report.IsValid)
            {
                console.Error.WriteLine($"error: the data is not valid: {report.Summary()}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
