namespace NftCollateral.Sdk.Benchmarks;

/// <summary>Finds <c>../shared</c> beside the repository (or <c>NFTC_SHARED_DIR</c>) from wherever BenchmarkDotNet runs.</summary>
internal static class SharedDataLocator
{
    public static string Path(params string[] parts)
    {
        string? fromEnv = Environment.GetEnvironmentVariable("NFTC_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return System.IO.Path.Combine([fromEnv, .. parts]);
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "NftCollateral.Sdk.sln")))
                {
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine([dir.FullName, "..", "shared", .. parts]));
                }
            }
        }

        throw new DirectoryNotFoundException("../shared beside the repository was not found; set NFTC_SHARED_DIR.");
    }
}
