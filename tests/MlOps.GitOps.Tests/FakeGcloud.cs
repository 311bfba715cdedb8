namespace MlOps.GitOps.Tests;

/// <summary>
/// A stand-in <c>gcloud</c> on PATH that logs every call and keeps created resources as files: <c>describe</c>
/// succeeds only for what an earlier <c>create</c> made, so a second bootstrap shows whether creates are guarded.
/// Bindings, updates and <c>services identity create</c> succeed every time, as they do on Google Cloud.
/// </summary>
internal sealed class FakeGcloud : IDisposable
{
    private const string Script = """
        #!/usr/bin/env bash
        set -euo pipefail
        echo "$*" >> "$FAKE_GCLOUD_LOG"
        args=("$@")
        verb=""; noun=()
        for a in "${args[@]}"; do
          case "$a" in
            --*) ;;
            describe|create|add-iam-policy-binding|enable) [ -z "$verb" ] && verb="$a" || noun+=("$a") ;;
            *) noun+=("$a") ;;
          esac
        done
        name=""
        for a in "${args[@]}"; do case "$a" in --name=*) name="${a#--name=}" ;; esac; done
        # a service identity is created again as often as asked: it returns the existing one
        if [ "${noun[0]:-}" = beta ] && [ "${noun[2]:-}" = identity ]; then echo "Service identity created: service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com"; exit 0; fi
        # a service account is created by id and described by email
        if [ "${noun[0]:-}" = iam ] && [ "${noun[1]:-}" = service-accounts ] && [ "$verb" = create ]; then
          project=""; for a in "${args[@]}"; do case "$a" in --project=*) project="${a#--project=}" ;; esac; done
          noun[2]="${noun[2]}@${project}.iam.gserviceaccount.com"
        fi
        # builds triggers create github --name=N is described as builds triggers describe N
        if [ "${noun[0]:-}" = builds ] && [ "$verb" = create ]; then noun=(builds triggers "$name"); fi
        # logging sinks create NAME DESTINATION
        if [ "${noun[0]:-}" = logging ] && [ "$verb" = create ]; then noun=(logging sinks "${noun[2]}"); fi
        key="$FAKE_GCLOUD_STATE/$(printf '%s_' "${noun[@]}" | tr '/:@' '___')"
        case "$verb" in
          describe)
            for a in "${args[@]}"; do
              case "$a" in
                --format=*writerIdentity*) echo "serviceAccount:service-1@gcp-sa-logging.iam.gserviceaccount.com"; exit 0 ;;
                --format=*projectNumber*) echo "123456789012"; exit 0 ;;
              esac
            done
            [ -e "$key" ] ;;
          create)
            if [ -e "$key" ]; then echo "ALREADY_EXISTS: $key" >&2; exit 1; fi
            touch "$key" ;;
        esac
        """;

    private readonly string root = Path.Combine(Path.GetTempPath(), "mlops-gcloud-" + Guid.NewGuid().ToString("N"));

    public FakeGcloud()
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        var gcloud = Path.Combine(root, "bin", "gcloud");
        File.WriteAllText(gcloud, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(gcloud, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["PATH"] = $"{Path.Combine(root, "bin")}:{System.Environment.GetEnvironmentVariable("PATH")}",
        ["FAKE_GCLOUD_LOG"] = Path.Combine(root, "calls.log"),
        ["FAKE_GCLOUD_STATE"] = Path.Combine(root, "state"),
    };

    public IReadOnlyList<string> TakeCalls()
    {
        var log = Path.Combine(root, "calls.log");
        if (!File.Exists(log))
        {
            return [];
        }

        var calls = File.ReadAllLines(log);
        File.Delete(log);
        return calls;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
