using System.CommandLine;
using MlOps.Core.Schema;
using Spectre.Console;

namespace MlOps.Cli.Commands;

internal static class SchemaCommands
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("data") { Description = "CSV file to infer the schema from" };
        var label = new Option<string>("--label") { Description = "The label column", Required = true };
        var positive = new Option<string?>("--positive") { Description = "Label value of the positive class (inferred for 0/1, false/true, no/yes)" };
        var output = new Option<string?>("--out") { Description = "Schema file to write (.json, .yaml or .yml); prints it when omitted" };
        var categorical = new Option<string[]>("--categorical") { Description = "Columns to treat as categorical even if numeric", AllowMultipleArgumentsPerToken = true };
        var numeric = new Option<string[]>("--numeric") { Description = "Columns to force numeric", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Columns that are not features (ids, timestamps)", AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Schema name" };

        var infer = new Command("infer", "Write a feature schema from a CSV: numeric or categorical by content; review and edit it")
        {
            data, label, positive, output, categorical, numeric, exclude, name, CommandExtensions.Json,
        };
        infer.Handle(console, parse =>
        {
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"no such file: {path}");
            }

            FeatureSchema schema;
            using (var stream = File.OpenRead(path))
            {
                schema = SchemaInference.Infer(stream, parse.GetValue(label)!, new SchemaInferenceOptions
                {
                    PositiveClass = parse.GetValue(positive),
                    Categorical = Split(parse.GetValue(categorical)),
                    Numeric = Split(parse.GetValue(numeric)),
                    Exclude = Split(parse.GetValue(exclude)),
                    Name = parse.GetValue(name),
                });
            }

            if (parse.GetValue(output) is { } target)
            {
                FeatureSchemaFile.Save(schema, target);
                if (!parse.GetValue(CommandExtensions.Json))
                {
                    Describe(console, schema);
                    console.Ansi.WriteLine($"wrote {target}");
                    return 0;
                }
            }

            console.Out.Write(FeatureSchemaFile.ToJson(schema));
            return 0;
        });

        return new Command("schema", "Work with feature schemas") { infer };
    }

    private static HashSet<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();

    private static void Describe(CliConsole console, FeatureSchema schema)
    {
        var table = new Table().AddColumns("feature", "kind", "range / vocabulary");
        foreach (var f in schema.Features)
        {
            var detail = f.IsNumeric ? f.DescribeRange() : f.Vocabulary is { } v ? $"{v.Count} values" : "open";
            table.AddRow(Markup.Escape(f.Name), f.Kind.ToString().ToLowerInvariant(), Markup.Escape(detail));
        }

        console.Ansi.Write(table);
        console.Ansi.WriteLine($"label: {schema.Label} (positive class '{schema.PositiveClass}')");
    }
}
