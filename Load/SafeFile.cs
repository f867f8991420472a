using System.Security.Cryptography;

namespace KonektoSync.Load;

/// <summary>
/// Replaces a file whole without following links: the content goes to a temporary file with a
/// random name in the same folder, created with <see cref="FileMode.CreateNew"/> (which fails on
/// anything already there, a planted link included), and is then renamed over the target. A
/// rename replaces a link at the target's name instead of writing through it, so nothing outside
/// the folder is touched.
/// </summary>
public static class SafeFile
{
    public static async Task Replace(string path, Func<Stream, Task> write, CancellationToken cancel)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no folder", nameof(path));
        var temporary = Path.Combine(folder,
            $".{Path.GetFileName(full)}.{RandomNumberGenerator.GetHexString(16, lowercase: true)}.tmp");
        var created = false;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            // readable by its owner only (0600) on Linux and macOS
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(temporary, options))
            {
                created = true;
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancel).ConfigureAwait(false);
            }
            File.Move(temporary, full, overwrite: true);
            created = false;
        }
        finally
        {
            // only the temporary file this call created is removed
            if (created) File.Delete(temporary);
        }
    }
}
