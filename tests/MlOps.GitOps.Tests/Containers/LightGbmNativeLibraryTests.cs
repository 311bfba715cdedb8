using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MlOps.GitOps.Tests.Containers;

/// <summary>The lib_lightgbm.so this build ships finds every shared library it links on this machine (ldd).</summary>
public sealed partial class LightGbmNativeLibraryTests
{
    [Fact]
    public void The_LightGbm_native_library_in_the_build_output_finds_every_library_it_links_here()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return;
        }

        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "lib_lightgbm.so");
        Assert.True(File.Exists(library), $"{library} is not in the build output");

        var ldd = ToolProcess.Run("ldd", [library]);

        Assert.True(ldd.ExitCode == 0, ldd.Output + ldd.Error);
        var missing = NotFound().Matches(ldd.Output).Select(m => m.Groups["library"].Value).ToList();
        Assert.True(missing.Count == 0,
            $"lib_lightgbm.so cannot load on this machine; missing: {string.Join(", ", missing)} " +
            "(libgomp.so.1 comes with libgomp1: scripts/install-prerequisites.sh installs it)\n" + ldd.Output);
        Assert.Matches(@"libgomp\.so\.1 => /\S+", ldd.Output);
    }

    [GeneratedRegex(@"^\s*(?<library>\S+) => not found", RegexOptions.Multiline)]
    private static partial Regex NotFound();
}
