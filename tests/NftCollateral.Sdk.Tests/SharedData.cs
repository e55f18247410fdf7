using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests;

/// <summary>Locates <c>../shared</c> beside the repository (or <c>NFTC_SHARED_DIR</c>) and loads its files.</summary>
internal static class SharedData
{
    private static readonly Dictionary<string, CollectionTraits> Cache = [];

    public static string Path(params string[] parts) => Development.SharedDirectory.Path(parts);

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
}
