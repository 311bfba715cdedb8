namespace MlOps.Platform.Configuration;

/// <summary>An options type bound from one configuration section: the section's name is declared once, on the type.</summary>
public interface ISettings
{
    public abstract static string Section { get; }
}
