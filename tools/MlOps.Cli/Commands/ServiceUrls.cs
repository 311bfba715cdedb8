using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace MlOps.Cli.Commands;

/// <summary>Options naming a running service's base URL, defaulting to the service discovery variables Aspire sets.</summary>
internal static class ServiceUrls
{
    public static Option<string> Option(string service, IConfiguration environment) => new($"--{service}")
    {
        Description = $"Base URL of the {service} (default: services:{service}:http:0, as Aspire sets it)",
        DefaultValueFactory = _ => environment[$"services:{service}:http:0"] ?? environment[$"services:{service}:https:0"] ?? "",
    };

    public static string Need(ParseResult parse, Option<string> option) => parse.GetValue(option) is { Length: > 0 } value
        ? value.TrimEnd('/')
        : throw new CliException($"{option.Name} is required (or set the variable Aspire sets for it)");
}
