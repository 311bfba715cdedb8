using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Rendering;

/// <summary>
/// The digests a deploy build resolved for images that follow a tag. Rendering with them puts the exact image in
/// each manifest, so a tag that moved makes a new revision and the manifest shows what runs; an unchanged digest
/// renders the same manifest and makes none.
/// </summary>
public static class ImagePins
{
    /// <summary>Reads <c>service=image@sha256:…</c> lines; blank lines and <c># comments</c> are skipped.</summary>
    public static IReadOnlyList<ImagePin> Parse(string text, string file)
    {
        var pins = new List<ImagePin>();
        var problems = new List<EnvironmentProblem>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('=', 2);
            if (parts.Length != 2 || parts[0].Trim().Length == 0)
            {
                problems.Add(new EnvironmentProblem(file, i + 1, "", $"'{line}' is not service=image@sha256:<digest>"));
                continue;
            }

            pins.Add(new ImagePin(parts[0].Trim(), parts[1].Trim(), i + 1));
        }

        return problems.Count == 0 ? pins : throw new EnvironmentException(problems);
    }

    /// <summary>
    /// The environment with each pinned service's image replaced by its digest. A pin must name a service, be a digest
    /// of the very repository the environment names, and may not move an image the environment already pins.
    /// </summary>
    public static EnvironmentSpec Apply(EnvironmentSpec spec, IReadOnlyList<ImagePin> pins, string file)
    {
        var problems = new List<EnvironmentProblem>();
        var images = spec.Services.ToDictionary(s => s.Name, s => s.Image, StringComparer.Ordinal);
        foreach (var pin in pins)
        {
            var problem = Problem(spec, pin, pins);
            if (problem is null)
            {
                images[pin.Service] = pin.Image;
            }
            else
            {
                problems.Add(new EnvironmentProblem(file, pin.Line, pin.Service, problem));
            }
        }

        if (problems.Count > 0)
        {
            throw new EnvironmentException(problems);
        }

        return spec with { Services = spec.Services.Select(s => s with { Image = images[s.Name] }).ToList() };
    }

    private static string? Problem(EnvironmentSpec spec, ImagePin pin, IReadOnlyList<ImagePin> pins)
    {
        var service = spec.Services.FirstOrDefault(s => s.Name == pin.Service);
        if (service is null)
        {
            return $"not a service of {spec.Name} ({string.Join(", ", spec.Services.Select(s => s.Name))})";
        }

        if (pins.Count(p => p.Service == pin.Service) > 1)
        {
            return "pinned more than once";
        }

        var image = ImageReference.Parse(pin.Image);
        if (image is not { Digest: not null, Tag: null })
        {
            return $"'{pin.Image}' is not an image pinned by digest (repository@sha256:<digest>)";
        }

        var current = ImageReference.Parse(service.Image)!;
        if (image.Repository != current.Repository)
        {
            return $"'{pin.Image}' is not an image of {current.Repository}, which the environment runs";
        }

        return current.Digest is { } digest && digest != image.Digest
            ? $"the environment pins {service.Image}; a deploy may not move it to {image.Digest}"
            : null;
    }
}
