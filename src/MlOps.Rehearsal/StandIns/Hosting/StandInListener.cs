using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// A stand-in's own HTTPS listener on 127.0.0.1 and a free port, answering every request with one delegate: its
/// certificate (see <see cref="StandInCertificate"/>) is written as PEM to <see cref="CertificatePath"/>, in the given
/// folder or in a temporary one that goes when the listener is disposed.
/// </summary>
internal sealed class StandInListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownFolder;
    private bool _stopped;

    /// <param name="service">The API's name: <c>Vertex AI</c> gives <c>CN=Vertex AI stand-in</c> and <c>vertex-ai-stand-in.pem</c>.</param>
    public StandInListener(string service, string? workFolder, RequestDelegate handle)
    {
        var slug = service.ToLowerInvariant().Replace(' ', '-') + "-stand-in";
        Certificate = StandInCertificate.Create(service);
        _ownFolder = workFolder is null ? Directory.CreateTempSubdirectory(slug + "-").FullName : null;
        var folder = workFolder ?? _ownFolder!;
        Directory.CreateDirectory(folder);
        CertificatePath = Path.Combine(folder, slug + ".pem");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem() + "\n");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        _app = builder.Build();
        _app.Run(handle);
    }

    /// <summary><c>https://127.0.0.1:{port}/</c>, once started.</summary>
    public Uri Url { get; private set; } = null!;

    public string CertificatePath { get; }

    public X509Certificate2 Certificate { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Url = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
    }

    /// <summary>Stops listening; the certificate and its file stay until the listener is disposed.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Certificate.Dispose();
        if (_ownFolder is not null)
        {
            try
            {
                Directory.Delete(_ownFolder, recursive: true);
            }
            catch (IOException)
            {
                // A folder that cannot go now goes with the rest of the temp folder.
            }
        }
    }
}
