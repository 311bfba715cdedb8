using System.Security.Cryptography.X509Certificates;

namespace MlOps.Cli.Loop;

/// <summary>Where prediction traffic goes when it is not the Predictor's own route: a Vertex AI endpoint's <c>:predict</c> URL, with a bearer token, behind a certificate to trust.</summary>
internal sealed record PredictTarget(string Url, string? BearerToken, X509Certificate2? TrustedCertificate);
