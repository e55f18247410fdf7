using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests;

/// <summary>Locates <c>../shared</c> beside the repository (or <c>NFTC_SHARED_DIR</c>) and loads its files.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Dictionary<string, CollectionTraits> Cache = [];

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    public static CollectionTraits LoadTraits(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out CollectionTraits? traits))
            {
                string path = Path("data", fileName);
                traits = TraitsJson.Read(File.ReadAllBytes(path), path);
                Cache.Add(fileName, traits);
            }

            return traits;
        }
    }

    private static string FindRoot()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("NFTC_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
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

        throw new DirectoryNotFoundException(
            "../shared (beside the repository) was not found; set NFTC_SHARED_DIR to the shared folder.");
    }
}
