using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Evm.TestNode;

/// <summary>
/// Finds <c>tests/evm-node</c>, installs its pinned npm packages (anvil, solc, OpenZeppelin) and compiles its contracts.
/// Both steps are cached on disk and guarded by lock files, so parallel test processes do the work once.
/// </summary>
public static class EvmNodeTools
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static CompiledContracts? s_compiled;
    private static bool s_installed;

    /// <summary>Gets the repository root (the folder holding NftCollateral.Sdk.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets <c>tests/evm-node</c>: package.json, package-lock.json, compile.js and contracts/.</summary>
    public static string EvmNodeDirectory => Path.Combine(RepositoryRoot, "tests", "evm-node");

    /// <summary>Gets the anvil executable installed by npm.</summary>
    public static string AnvilPath => Path.Combine(EvmNodeDirectory, "node_modules", ".bin", "anvil");

    /// <summary>
    /// Runs <c>npm ci</c> in <c>tests/evm-node</c> unless anvil, solc and OpenZeppelin are there and every package of
    /// package-lock.json is installed at its locked version. Holds <c>tests/evm-node/.install.lock</c> meanwhile; gives up after 5 minutes.
    /// </summary>
    public static async Task EnsureNpmPackagesAsync(CancellationToken cancellationToken = default)
    {
        string dir = EvmNodeDirectory;
        if (Volatile.Read(ref s_installed))
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (s_installed)
            {
                return;
            }

            // Checked under the lock too: while another process runs npm ci, node_modules is half-written.
            using FileStream fileLock = await FileLock.AcquireAsync(
                Path.Combine(dir, ".install.lock"), InstallTimeout + TimeSpan.FromMinutes(1), cancellationToken);
            if (IsInstalled(dir))
            {
                Volatile.Write(ref s_installed, true);
                return;
            }

            ProcessRunner.Result r = await ProcessRunner.RunAsync(
                "npm",
                ["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                dir,
                InstallTimeout,
                cancellationToken);
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm ci' failed in {dir} (exit code {r.ExitCode}).\nstderr:\n{r.StandardError}\nstdout:\n{r.StandardOutput}");
            }

            if (!IsInstalled(dir))
            {
                throw new InvalidOperationException(
                    $"'npm ci' succeeded in {dir} but node_modules does not match package-lock.json.\nstdout:\n{r.StandardOutput}");
            }

            Volatile.Write(ref s_installed, true);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Compiles <c>tests/evm-node/contracts/*.sol</c> with the pinned solc into
    /// <c>tests/evm-node/build/&lt;hash&gt;/contracts.json</c>, where the hash covers the sources, compile.js and
    /// package-lock.json; a later call with unchanged inputs only reads that file. Installs npm packages first.
    /// </summary>
    public static async Task<CompiledContracts> CompileContractsAsync(CancellationToken cancellationToken = default)
    {
        string dir = EvmNodeDirectory;
        string hash = SourceHash(dir);
        if (s_compiled is { } cached && cached.SourceHash == hash)
        {
            return cached;
        }

        await EnsureNpmPackagesAsync(cancellationToken);
        string outDir = Path.Combine(dir, "build", hash);
        string jsonPath = Path.Combine(outDir, "contracts.json");
        if (!File.Exists(jsonPath))
        {
            await Gate.WaitAsync(cancellationToken);
            try
            {
                using FileStream fileLock = await FileLock.AcquireAsync(
                    Path.Combine(dir, "build", ".compile.lock"), CompileTimeout + TimeSpan.FromMinutes(1), cancellationToken);
                if (!File.Exists(jsonPath))
                {
                    ProcessRunner.Result r = await ProcessRunner.RunAsync(
                        "node", ["compile.js", outDir], dir, CompileTimeout, cancellationToken);
                    if (r.ExitCode != 0 || !File.Exists(jsonPath))
                    {
                        throw new InvalidOperationException(
                            $"'node compile.js' failed in {dir} (exit code {r.ExitCode}).\n{r.StandardError}\n{r.StandardOutput}");
                    }
                }
            }
            finally
            {
                Gate.Release();
            }
        }

        CompiledContracts compiled = CompiledContracts.Load(jsonPath, hash);
        s_compiled = compiled;
        return compiled;
    }

    private static bool HasPackages(string dir) =>
        File.Exists(Path.Combine(dir, "node_modules", ".bin", "anvil"))
        && File.Exists(Path.Combine(dir, "node_modules", "solc", "soljson.js"))
        && File.Exists(Path.Combine(dir, "node_modules", "@openzeppelin", "contracts", "package.json"));

    /// <summary>Whether every package of package-lock.json is in node_modules at its locked version.</summary>
    private static bool IsInstalled(string dir)
    {
        if (!HasPackages(dir))
        {
            return false;
        }

        try
        {
            using JsonDocument lockFile = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "package-lock.json")));
            foreach (JsonProperty p in lockFile.RootElement.GetProperty("packages").EnumerateObject())
            {
                if (!p.Name.StartsWith("node_modules/", StringComparison.Ordinal)
                    || (p.Value.TryGetProperty("optional", out JsonElement optional) && optional.GetBoolean()))
                {
                    continue;
                }

                string manifest = Path.Combine(dir, p.Name, "package.json");
                if (!File.Exists(manifest))
                {
                    return false;
                }

                using JsonDocument installed = JsonDocument.Parse(File.ReadAllBytes(manifest));
                if (installed.RootElement.GetProperty("version").GetString() != p.Value.GetProperty("version").GetString())
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false; // Half-installed (or being installed): let npm ci sort it out under the lock.
        }
    }

    private static string SourceHash(string dir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inputs = Directory.GetFiles(Path.Combine(dir, "contracts"), "*.sol")
            .Select(f => "contracts/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .Append("compile.js")
            .Append("package-lock.json");
        foreach (string rel in inputs)
        {
            // Normalise line endings so a checkout with CRLF hashes the same.
            string text = File.ReadAllText(Path.Combine(dir, rel)).ReplaceLineEndings("\n");
            sha.AppendData(Encoding.UTF8.GetBytes($"{rel}\n{text.Length}\n{text}\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static string FindRepositoryRoot()
    {
        // The repository root recorded at build time, then the folders the process runs from.
        string? recorded = typeof(EvmNodeTools).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NftCollateral.RepositoryRoot")?.Value;
        foreach (string? start in new[] { recorded, AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "NftCollateral.Sdk.sln"))
                    && File.Exists(Path.Combine(d.FullName, "tests", "evm-node", "package.json")))
                {
                    return d.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            "The repository root (NftCollateral.Sdk.sln with tests/evm-node/package.json) was not found.");
    }
}
