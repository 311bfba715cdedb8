using System.Diagnostics;

namespace MlOps.GitOps.Tests;

/// <summary>
/// scripts/check-vulnerable-packages.sh, which ./test.sh runs after the build: it reads the report of
/// <c>dotnet list package --vulnerable --include-transitive --format json</c> and fails on a high or critical advisory.
/// </summary>
public sealed class SupplyChainTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-supply-chain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Report(params (string Id, string Version, string Severity)[] packages) => $$"""
        {
          "version": 1,
          "parameters": "--vulnerable --include-transitive",
          "projects": [
            { "path": "/repo/services/Trainer/MlOps.Trainer.csproj" },
            {
              "path": "/repo/services/Registry/MlOps.Registry.csproj",
              "frameworks": [
                {
                  "framework": "net10.0",
                  "transitivePackages": [
                    {{string.Join(",\n", packages.Select(p => $$"""
                    {
                      "id": "{{p.Id}}",
                      "resolvedVersion": "{{p.Version}}",
                      "vulnerabilities": [ { "severity": "{{p.Severity}}", "advisoryurl": "https://github.com/advisories/GHSA-{{p.Id.Length}}" } ]
                    }
                    """))}}
                  ]
                }
              ]
            }
          ]
        }
        """;

    private (int Code, string Out, string Err) Check(string report)
    {
        var file = Path.Combine(_folder, "report.json");
        File.WriteAllText(file, report);
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "check-vulnerable-packages.sh"), file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    [Theory]
    [InlineData("High")]
    [InlineData("Critical")]
    public void A_high_or_critical_advisory_on_any_package_fails_naming_the_package_its_version_and_the_advisory(string severity)
    {
        var (code, output, error) = Check(Report(("Some.Package", "1.2.3", severity), ("Other.Package", "4.0.0", "Low")));

        Assert.Equal(1, code);
        Assert.Contains($"{severity} Some.Package@1.2.3 in /repo/services/Registry/MlOps.Registry.csproj: https://github.com/advisories/GHSA-12", output, StringComparison.Ordinal);
        Assert.Contains("Low Other.Package@4.0.0", output, StringComparison.Ordinal);
        Assert.Contains("known high or critical vulnerability", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Moderate_and_low_advisories_are_listed_and_let_through()
    {
        var (code, output, _) = Check(Report(("Some.Package", "1.2.3", "Moderate"), ("Other.Package", "4.0.0", "Low")));

        Assert.Equal(0, code);
        Assert.Contains("Moderate Some.Package@1.2.3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_vulnerable_packages_passes() =>
        Assert.Equal((0, "no known vulnerable packages\n"), Check("""{ "version": 1, "projects": [ { "path": "/repo/A.csproj" } ] }""") is var (code, output, _) ? (code, output) : default);
}
