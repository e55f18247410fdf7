namespace NftCollateral.Evm.TestNode;

/// <summary>
/// An exclusive lock between processes: a lock file opened with <see cref="FileShare.None"/>
/// (flock on Unix), retried until a time limit. Released on dispose or when the process dies.
/// </summary>
internal static class FileLock
{
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
            catch (IOException e)
            {
                throw new TimeoutException(
                    $"Another process held {path} for more than {timeout.TotalSeconds:0} s.", e);
            }
        }
    }
}
