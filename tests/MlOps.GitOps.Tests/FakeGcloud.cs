namespace MlOps.GitOps.Tests;

/// <summary>
/// A stand-in <c>gcloud</c> on PATH that logs every call and keeps created resources as files: <c>describe</c>
/// succeeds only for what an earlier <c>create</c> made, so a second bootstrap shows whether creates are guarded.
/// Bindings, updates and <c>services identity create</c> succeed every time, as they do on Google Cloud. Monitoring
/// channels and policies, whose IDs Google assigns, are found by <c>list --filter=displayName…</c> as bootstrap finds
/// them; a backend service lists the backends added to it, and refuses one twice; a stand-in <c>bq</c> beside it makes
/// and shows datasets the same way.
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
            describe|create|add-iam-policy-binding|add-backend|enable|list) [ -z "$verb" ] && verb="$a" || noun+=("$a") ;;
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
        if [ "${noun[0]:-}" = logging ] && [ "${noun[1]:-}" = sinks ] && [ "$verb" = create ]; then noun=(logging sinks "${noun[2]}"); fi
        # scheduler jobs create pubsub NAME is described as scheduler jobs describe NAME
        if [ "${noun[0]:-}" = scheduler ] && [ "$verb" = create ]; then noun=(scheduler jobs "${noun[3]}"); fi
        # monitoring channels and policies: Google names them; bootstrap finds them by display name
        kind=""
        for a in "${noun[@]}"; do case "$a" in channels|policies) kind="$a" ;; esac; done
        if [ -n "$kind" ] && [ "$verb" = create ]; then
          file=""; for a in "${args[@]}"; do case "$a" in --channel-content-from-file=*|--policy-from-file=*) file="${a#*=}" ;; esac; done
          display="$(grep -o '"displayName":"[^"]*"' "$file" | head -n 1 | sed 's/^"displayName":"//; s/"$//')"
          key="$FAKE_GCLOUD_STATE/monitoring_${kind}_$(printf '%s' "$display" | tr -c 'A-Za-z0-9' '_')"
          if [ -e "$key" ]; then echo "ALREADY_EXISTS: $display" >&2; exit 1; fi
          printf '%s' "$display" > "$key"; exit 0
        fi
        if [ -n "$kind" ] && [ "$verb" = list ]; then
          filter=""; for a in "${args[@]}"; do case "$a" in --filter=*) filter="${a#--filter=}" ;; esac; done
          for f in "$FAKE_GCLOUD_STATE"/monitoring_"$kind"_*; do
            [ -e "$f" ] || continue
            display="$(cat "$f")"
            case "$filter" in
              'displayName="'*) [ "$filter" = "displayName=\"$display\"" ] && echo "projects/p/$kind/$(basename "$f")" ;;
              'displayName:"'*) prefix="${filter#displayName:\"}"; prefix="${prefix%\"}"; case "$display" in "$prefix"*) echo "projects/p/$kind/$(basename "$f")" ;; esac ;;
            esac
          done
          exit 0
        fi
        key="$FAKE_GCLOUD_STATE/$(printf '%s_' "${noun[@]}" | tr '/:@' '___')"
        # backend-services add-backend NAME: the NEG joins the service's backends (describe --format=…backends… lists them); twice is refused
        if [ "$verb" = add-backend ]; then
          [ -e "$key" ] || { echo "NOT_FOUND: ${noun[*]}" >&2; exit 1; }
          neg=""; negRegion=""
          for a in "${args[@]}"; do case "$a" in --network-endpoint-group=*) neg="${a#*=}" ;; --network-endpoint-group-region=*) negRegion="${a#*=}" ;; esac; done
          group="https://www.googleapis.com/compute/v1/projects/p/regions/$negRegion/networkEndpointGroups/$neg"
          if grep -qx "$group" "$key.backends" 2>/dev/null; then echo "Backend [$neg] in [${noun[2]}] already exists" >&2; exit 1; fi
          echo "$group" >> "$key.backends"; exit 0
        fi
        case "$verb" in
          describe)
            for a in "${args[@]}"; do
              case "$a" in
                --format=*writerIdentity*) echo "serviceAccount:service-1@gcp-sa-logging.iam.gserviceaccount.com"; exit 0 ;;
                --format=*projectNumber*) echo "123456789012"; exit 0 ;;
                --format=*backends*) [ -e "$key" ] || exit 1; [ -e "$key.backends" ] && paste -sd ';' "$key.backends"; exit 0 ;;
              esac
            done
            [ -e "$key" ] ;;
          create)
            if [ -e "$key" ]; then echo "ALREADY_EXISTS: $key" >&2; exit 1; fi
            touch "$key" ;;
        esac
        """;

    // bq --project_id=P mk --dataset … P:D, bq --project_id=P show --dataset P:D, bq … add-iam-policy-binding … P:D
    private const string BqScript = """
        #!/usr/bin/env bash
        set -euo pipefail
        echo "bq $*" >> "$FAKE_GCLOUD_LOG"
        verb=""; last=""
        for a in "$@"; do
          case "$a" in
            --*) ;;
            mk|show|add-iam-policy-binding) [ -z "$verb" ] && verb="$a" ;;
            *) last="$a" ;;
          esac
        done
        key="$FAKE_GCLOUD_STATE/bq_dataset_$(printf '%s' "$last" | tr -c 'A-Za-z0-9' '_')"
        case "$verb" in
          show) [ -e "$key" ] ;;
          mk) if [ -e "$key" ]; then echo "Dataset '$last' already exists." >&2; exit 1; fi; touch "$key" ;;
        esac
        """;

    private readonly string root = Path.Combine(Path.GetTempPath(), "mlops-gcloud-" + Guid.NewGuid().ToString("N"));

    public FakeGcloud()
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        foreach (var (tool, script) in new[] { ("gcloud", Script), ("bq", BqScript) })
        {
            var path = Path.Combine(root, "bin", tool);
            File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
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
