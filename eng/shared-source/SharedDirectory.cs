namespace NftCollateral.Sdk.Development;

/// <summary>
/// Locates the <c>shared</c> folder that sits beside the repository (datasets, specifications, conformance vectors),
/// or the folder named by <c>NFTC_SHARED_DIR</c>. Compiled into the test and benchmark projects (linked source).
/// </summary>
internal static class SharedDirectory
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>Gets a path inside the shared folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("NFTC_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        // The repository root recorded at build time, then the folders the process runs from.
        string? recorded = typeof(SharedDirectory).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NftCollateral.RepositoryRoot")?.Value;
        foreach (string? start in new[] { recorded, AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "NftCollateral.Sdk.sln")))
                {
                    string shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                    if (Directory.Exists(System.IO.Path.Combine(shared, "data")))
                    {
                        return shared;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException(
            "../shared (beside the repository) was not found; set NFTC_SHARED_DIR to the shared folder.");
    }
}
