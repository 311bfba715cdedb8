using System.Globalization;
using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;
using MlOps.Platform.Configuration;

namespace MlOps.GitOps.Tests;

/// <summary>
/// One definition per configuration key: the options types (and the few keys read directly) are
/// the truth; the environments' catalog and docs/configuration.md must say the same — the same
/// keys, for the same service, with the same ranges, choices and defaults.
/// </summary>
public sealed class SettingsContractTests
{
    public static TheoryData<string> Services() => new(ServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_key_a_service_reads_is_in_the_catalog_for_that_service_and_every_catalog_key_is_read(string service)
    {
        var reads = ServiceReads.Own(service).Select(s => s.Key).ToHashSet();
        var catalog = SettingCatalog.All.Where(d => d.Service is not null && d.ReadBy(service)).Select(d => d.Key).ToHashSet();

        Assert.True(reads.SetEquals(catalog), $"{service}: read but not in the catalog: [{string.Join(", ", reads.Except(catalog))}]; in the catalog but not read: [{string.Join(", ", catalog.Except(reads))}]");
    }

    [Fact]
    public void Every_key_every_service_reads_is_in_the_catalog_for_every_service_and_the_reverse()
    {
        var reads = ServiceReads.Common.Select(s => s.Key).ToHashSet();
        var catalog = SettingCatalog.All.Where(d => d.Service is null).Select(d => d.Key).ToHashSet();

        Assert.True(reads.SetEquals(catalog), $"read but not in the catalog: [{string.Join(", ", reads.Except(catalog))}]; in the catalog but not read: [{string.Join(", ", catalog.Except(reads))}]");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_range_choice_and_default_an_options_type_declares_is_the_catalogs(string service)
    {
        var problems = (
            from read in ServiceReads.Of(service)
            let definition = SettingCatalog.All.SingleOrDefault(d => d.Key == read.Key)
            where definition is not null
            from problem in Disagreements(read, definition)
            select $"{read.Key}: {problem}").ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_key_a_service_reads_is_documented_under_it_and_every_documented_key_is_read(string service)
    {
        var reads = ServiceReads.Own(service).Select(s => s.Key).ToHashSet();
        var documented = ConfigurationDoc.Entries.Where(e => e.Section != ConfigurationDoc.EveryService && ConfigurationDoc.Service(e.Section) == service).Select(e => e.Key).ToHashSet();

        Assert.True(reads.SetEquals(documented), $"{service}: read but not documented: [{string.Join(", ", reads.Except(documented))}]; documented but not read: [{string.Join(", ", documented.Except(reads))}]");
    }

    [Fact]
    public void Every_key_every_service_reads_is_documented_for_every_service_and_the_reverse()
    {
        var reads = ServiceReads.Common.Select(s => s.Key).ToHashSet();
        var documented = ConfigurationDoc.Entries.Where(e => e.Section == ConfigurationDoc.EveryService).Select(e => e.Key).ToHashSet();

        Assert.True(reads.SetEquals(documented), $"read but not documented: [{string.Join(", ", reads.Except(documented))}]; documented but not read: [{string.Join(", ", documented.Except(reads))}]");
    }

    [Fact]
    public void Every_documented_default_is_the_catalogs()
    {
        var problems = (
            from entry in ConfigurationDoc.Entries
            where entry.Default is not null
            let definition = SettingCatalog.All.SingleOrDefault(d => d.Key == entry.Key)
            where definition is not null && !SameValue(definition.Default, entry.Default == DocumentedKey.None ? null : entry.Default)
            select $"{entry.Key}: documented default {entry.Default}, catalog {definition.Default ?? "none"}").ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_check_sees_a_range_that_differs()
    {
        var read = new SettingDescriptor("Trainer:HoldoutFraction", typeof(double)) { Min = 0.01, Max = 0.9, Default = "0.2" };
        var definition = new SettingDefinition("Trainer:HoldoutFraction", "trainer", SettingKind.Number) { Min = 0, Max = 1, MinExclusive = true, MaxExclusive = true, Default = "0.2" };

        Assert.Equal(["minimum 0.01 in the options, 0 (exclusive) in the catalog", "maximum 0.9 in the options, 1 (exclusive) in the catalog"], Disagreements(read, definition));
    }

    private static List<string> Disagreements(SettingDescriptor read, SettingDefinition definition)
    {
        var problems = new List<string>();
        if (read.Min != definition.Min || read.MinExclusive != definition.MinExclusive)
        {
            problems.Add($"minimum {Bound(read.Min, read.MinExclusive)} in the options, {Bound(definition.Min, definition.MinExclusive)} in the catalog");
        }

        if (read.Max != definition.Max || read.MaxExclusive != definition.MaxExclusive)
        {
            problems.Add($"maximum {Bound(read.Max, read.MaxExclusive)} in the options, {Bound(definition.Max, definition.MaxExclusive)} in the catalog");
        }

        if (!SameValue(read.Default, definition.Default))
        {
            problems.Add($"default {read.Default ?? "none"} in the options, {definition.Default ?? "none"} in the catalog");
        }

        if (read.Choices.Count > 0 && !read.Choices.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(definition.Choices.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"choices {string.Join("/", read.Choices)} in the options, {string.Join("/", definition.Choices)} in the catalog");
        }

        if ((read.Choices.Count > 0 ? SettingKind.Choice : Kind(read.Type)) is { } kind && kind != definition.Kind && !(kind == SettingKind.Text && definition.Kind is SettingKind.Url or SettingKind.ConnectionString))
        {
            problems.Add($"a {kind} in the options, a {definition.Kind} in the catalog");
        }

        return problems;
    }

    private static SettingKind? Kind(Type type) => type switch
    {
        _ when type.IsEnum => SettingKind.Choice,
        _ when type == typeof(bool) => SettingKind.Boolean,
        _ when type == typeof(int) || type == typeof(long) => SettingKind.Integer,
        _ when type == typeof(double) || type == typeof(float) => SettingKind.Number,
        _ when type == typeof(string) => SettingKind.Text,
        _ => null,
    };

    private static string Bound(double? value, bool exclusive) =>
        value is null ? "none" : value.Value.ToString(CultureInfo.InvariantCulture) + (exclusive ? " (exclusive)" : "");

    private static bool SameValue(string? a, string? b) =>
        a == b
        || (a is not null && b is not null && (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            || (double.TryParse(a, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, CultureInfo.InvariantCulture, out var y) && x == y)));
}
