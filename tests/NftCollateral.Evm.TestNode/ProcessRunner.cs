using System.Diagnostics;
using System.Text;

namespace NftCollateral.Evm.TestNode;

/// <summary>Runs a short-lived tool (npm, node) with a hard time limit and captures its output.</summary>
internal static class ProcessRunner
{
    internal sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{fileName}' ({e.Message}). Node.js and npm must be installed and on PATH.", e);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            string output = await DrainAsync(stdout, stderr);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', psi.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s in {workingDirectory}.{output}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    internal static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while we killed it.
        }
    }

    private static async Task<string> DrainAsync(Task<string> stdout, Task<string> stderr)
    {
        // The pipes close once the killed tree is gone; do not wait for them forever.
        Task both = Task.WhenAll(stdout, stderr);
        await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(5)));
        var sb = new StringBuilder();
        if (stdout.IsCompletedSuccessfully && stdout.Result.Length > 0)
        {
            sb.Append("\nstdout:\n").Append(stdout.Result);
        }

        if (stderr.IsCompletedSuccessfully && stderr.Result.Length > 0)
        {
            sb.Append("\nstderr:\n").Append(stderr.Result);
        }

        return sb.ToString();
    }
}
