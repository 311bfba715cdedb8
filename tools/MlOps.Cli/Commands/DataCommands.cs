using System.CommandLine;
using System.Globalization;
using MlOps.Core.Schema;
using MlOps.Core.Synthetic;

namespace MlOps.Cli.Commands;

internal static class DataCommands
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "CSV file to write, or the folder for --snapshots", Required = true };
        var rows = new Option<int>("--rows") { Description = "Rows per file", DefaultValueFactory = _ => 50_000 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same rows", DefaultValueFactory = _ => 1 };
        var scenario = new Option<string>("--scenario") { Description = "none, payment-shift, airport-surge or tipping-change", DefaultValueFactory = _ => "none" };
        var snapshots = new Option<int?>("--snapshots") { Description = "Write this many dated daily snapshots into the --out folder" };
        var start = new Option<string>("--start") { Description = "Date of the first snapshot (yyyy-MM-dd)", DefaultValueFactory = _ => "2026-01-01" };
        var schema = new Option<string?>("--schema") { Description = "Also write the generator's feature schema to this file" };

        var generate = new Command("generate", "Generate synthetic NYC-taxi tip data, optionally drifted")
        {
            output, rows, seed, scenario, snapshots, start, schema, CommandExtensions.Json,
        };
        generate.Handle(console, parse =>
        {
            var kind = ParseScenario(parse.GetValue(scenario)!);
            var count = parse.GetValue(rows);
            if (count <= 0)
            {
                throw new CliException($"--rows must be positive, got {count}");
            }

            var files = Plan(parse.GetValue(output)!, parse.GetValue(snapshots), parse.GetValue(start)!);
            var json = parse.GetValue(CommandExtensions.Json);
            Progress.Run(console, json, $"generating {kind} data", (double)count * files.Count, progress =>
            {
                long done = 0;
                for (var i = 0; i < files.Count; i++)
                {
                    var generator = new TaxiTripGenerator(parse.GetValue(seed) + i, kind);
                    TaxiTripGenerator.WriteCsv(files[i], generator.Generate(count).Select(t =>
                    {
                        if ((++done & 0xFFF) == 0)
                        {
                            progress.Report(done);
                        }

                        return t;
                    }));
                }

                return done;
            });

            if (parse.GetValue(schema) is { } schemaPath)
            {
                FeatureSchemaFile.Save(TaxiTripGenerator.Schema, schemaPath);
            }

            if (json)
            {
                console.WriteJson(new { files, rowsPerFile = count, scenario = Scenarios.Name(kind) });
            }
            else
            {
                console.Ansi.WriteLine($"wrote {files.Count} file(s) of {count:N0} rows ({Scenarios.Name(kind)}): {string.Join(", ", files)}");
            }

            return 0;
        });

        return new Command("data", "Work with datasets") { generate };
    }

    internal static DriftScenario ParseScenario(string text) =>
        Scenarios.TryParse(text, out var kind)
            ? kind
            : throw new CliException($"unknown scenario '{text}'; use one of {string.Join(", ", Enum.GetValues<DriftScenario>().Select(Scenarios.Name))}");

    private static List<string> Plan(string output, int? snapshots, string start)
    {
        if (snapshots is null)
        {
            return [output];
        }

        if (snapshots <= 0)
        {
            throw new CliException($"--snapshots must be positive, got {snapshots}");
        }

        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw new CliException($"--start must be a date like 2026-01-01, got '{start}'");
        }

        return Enumerable.Range(0, snapshots.Value)
            .Select(i => Path.Combine(output, $"taxi-{first.AddDays(i):yyyy-MM-dd}.csv"))
            .ToList();
    }
}
