using System.Diagnostics;

namespace NftCollateral.Cli.Tests;

/// <summary>Runs <c>nftc</c> in-process (through <see cref="NftcApp"/>) or as a real process.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await NftcApp.RunAsync(args, stdout, stderr, interactiveConsole: false, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>nftc.dll</c> (copied beside the tests) with <c>dotnet</c>, bounded to one minute.</summary>
    /// <summary>Runs a command that must be refused as bad input: exit code 2, nothing on stdout, one line on stderr.</summary>
    /// <returns>The error line.</returns>
    public static async Task<string> RunBadInputAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        code.ShouldBe(2, error);
        output.ShouldBeEmpty();
        string line = error.TrimEnd('\r', '\n');
        line.ShouldStartWith("error: ");
        line.ShouldNotContain('\n', customMessage: "exactly one line");
        line.ShouldNotContain("   at ");
        return line;
    }

    public static (int ExitCode, string Out, string Error) RunProcess(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "nftc.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("nftc did not finish within a minute");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public static string SharedPath(params string[] parts) => NftCollateral.Sdk.Development.SharedDirectory.Path(parts);
}

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content, string extension = ".json")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nftc-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
