using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// The stand-in's TLS certificate: self-signed RSA 2048 for 127.0.0.1 and localhost, marked a CA so that a client can
/// trust it as a root of its own (custom root trust) rather than skip validation.
/// </summary>
internal static class StandInCertificate
{
    public static X509Certificate2 Create(string service)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={service} stand-in", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // TLS validates against the wall clock, whatever TimeProvider the stand-in is given.
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        // CreateSelfSigned gives an ephemeral key, which SslStream on Windows cannot use; one loaded from PKCS#12 works everywhere.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
