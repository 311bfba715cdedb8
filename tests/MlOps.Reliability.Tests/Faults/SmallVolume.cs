using System.Diagnostics;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>A tmpfs of a few megabytes mounted for one trial, so that "the disk is full" is the kernel's ENOSPC, not a simulation.</summary>
public sealed class SmallVolume : IDisposable
{
    private SmallVolume(string path) => Path = path;

    public string Path { get; }

    public static async Task<SmallVolume> MountAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlops-full-disk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (exit, output) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (exit != 0)
        {
            throw new InvalidOperationException($"could not mount a {megabytes} MB tmpfs at {path} (the full-disk trial needs root or CAP_SYS_ADMIN, as ./test.sh has): {output}");
        }

        return new SmallVolume(path);
    }

    /// <summary>Writes a file until the file system refuses another byte; returns its path.</summary>
    public Task<string> FillAsync()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[1 << 20];
        using var handle = File.OpenHandle(filler, FileMode.Create, FileAccess.Write);
        long offset = 0;
        for (var size = block.Length; size > 0; size /= 2)
        {
            while (true)
            {
                try
                {
                    RandomAccess.Write(handle, block.AsSpan(0, size), offset);
                    offset += size;
                }
                catch (IOException)
                {
                    break;
                }
            }
        }

        return Task.FromResult(filler);
    }

    public void Dispose()
    {
        RunAsync("umount", "-l", Path).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
