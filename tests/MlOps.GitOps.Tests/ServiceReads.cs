using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.GitOps.Model;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Trainer;
using MlOps.WebConsole;

namespace MlOps.GitOps.Tests;

/// <summary>
/// The keys each service host reads, found by composing it as its Program.cs does — service
/// defaults, its module, the bus (the console's host has none) — and asking the modules what they declared.
/// </summary>
internal static class ServiceReads
{
    private static readonly Dictionary<string, Action<IHostApplicationBuilder>> Modules = new()
    {
        [ServiceNames.Trainer] = b => b.AddTrainer(),
        [ServiceNames.Registry] = b => b.AddRegistry(),
        [ServiceNames.Deployer] = b => b.AddDeployer(),
        [ServiceNames.Predictor] = b => b.AddPredictor(),
        [ServiceNames.DriftWatcher] = b => b.AddDriftWatcher(),
        [ServiceNames.Console] = b => b.AddConsole(),
    };

    /// <summary>Keys every host reads: the bus, the artifact folder and the callers' identity (every module uses both) and the service defaults.</summary>
    public static IReadOnlyList<SettingDescriptor> Common { get; } = Compose(b => b.AddArtifactStore().AddServiceIdentity());

    /// <summary>What <paramref name="service"/>'s host reads; the console's host is on no bus (its Program.cs adds none).</summary>
    public static IReadOnlyList<SettingDescriptor> Of(string service) => Compose(Modules[service], bus: ServiceNames.Loop.Contains(service));

    /// <summary>What only <paramref name="service"/> reads.</summary>
    public static IReadOnlyList<SettingDescriptor> Own(string service) => [.. Of(service).Where(s => Common.All(c => c.Key != s.Key))];

    private static List<SettingDescriptor> Compose(Action<IHostApplicationBuilder> module, bool bus = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults();
        module(builder);
        if (bus)
        {
            builder.AddMessageBus();
        }

        var reads = builder.ConfigurationReads();
        return
        [
            .. reads.Settings,
            .. Extensions.ConfigurationKeys.Select(k => SettingDescriptor.Plain(k)),
        ];
    }
}
