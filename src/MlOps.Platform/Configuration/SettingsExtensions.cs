using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Configuration;

public static class SettingsExtensions
{
    private static readonly object ReadsKey = typeof(ConfigurationReads);

    /// <summary>
    /// Binds <typeparamref name="TSettings"/> from its section, validated at start-up — data
    /// annotations, nested options included, each failure naming its key — and records the keys as read.
    /// Safe to call from every module that needs the same settings.
    /// </summary>
    public static OptionsBuilder<TSettings> AddSettings<TSettings>(this IHostApplicationBuilder builder)
        where TSettings : class, ISettings
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TSettings>();
        if (builder.ConfigurationReads().AddSection(typeof(TSettings), TSettings.Section))
        {
            options.BindConfiguration(TSettings.Section).ValidateOnStart();
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>>(new SettingsValidator<TSettings>(TSettings.Section)));
        }

        return options;
    }

    /// <summary>The settings as configured now, for the few choices a module makes while it registers its services.</summary>
    public static TSettings Settings<TSettings>(this IHostApplicationBuilder builder)
        where TSettings : class, ISettings, new()
    {
        builder.AddSettings<TSettings>();
        return builder.Configuration.GetSection(TSettings.Section).Get<TSettings>() ?? new TSettings();
    }

    /// <summary>Reads one key that no options type binds (a connection string, a variable of a platform's contract) and records it as read.</summary>
    public static string? ReadSetting(this IHostApplicationBuilder builder, string key)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        builder.ConfigurationReads().AddKey(key, null);
        return builder.Configuration[key] is { Length: > 0 } value ? value : null;
    }

    /// <summary>As <see cref="ReadSetting(IHostApplicationBuilder, string)"/>, with the value used when the key is not set.</summary>
    public static string ReadSetting(this IHostApplicationBuilder builder, string key, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        builder.ConfigurationReads().AddKey(key, defaultValue);
        return builder.Configuration[key] is { Length: > 0 } value ? value : defaultValue;
    }

    /// <summary>The keys this host's modules read so far.</summary>
    public static ConfigurationReads ConfigurationReads(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Properties.TryGetValue(ReadsKey, out var reads))
        {
            reads = new ConfigurationReads();
            builder.Properties[ReadsKey] = reads;
        }

        return (ConfigurationReads)reads;
    }
}
