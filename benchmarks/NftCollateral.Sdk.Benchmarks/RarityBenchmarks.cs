using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// OpenRarity on the 10,000 BAYC tokens: building the trait table from parsed records, scoring + ranking, and both.
/// Reference: OpenRarity 0.7.5 (CPython 3.11, numpy 1.24) takes 0.33 s for build + score + rank and 0.12 s for
/// <c>rank_collection</c> alone on a 2-core machine (shared/specs/rarity.md §4).
/// </summary>
[MemoryDiagnoser]
public class RarityBenchmarks
{
    private IReadOnlyList<TokenTraits> _records = [];
    private IReadOnlyList<TokenTraits> _distinctRecords = [];
    private TraitTable _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Development.SharedDirectory.Path("data", "bayc-traits.json");
        _records = TraitsJson.Read(File.ReadAllBytes(path), path).Tokens;
        _table = TraitTable.Build(_records);
        _distinctRecords = _records
            .Select(t => new TokenTraits(new string(t.TokenId), t.Traits.Select(v => TraitValue.FromText(new string(v.TraitType), new string(v.Text!))).ToList()))
            .ToList();
    }

    /// <summary>Normalizes and interns every trait of every token into the columnar table (from parsed records).</summary>
    [Benchmark]
    public TraitTable BuildTable() => TraitTable.Build(_records);

    /// <summary>The same build from records whose every string is its own instance (records not made by TraitsJson).</summary>
    [Benchmark]
    public TraitTable BuildTable_DistinctStrings() => TraitTable.Build(_distinctRecords);

    /// <summary>OpenRarity scores and ranks for a built table (the work of <c>rank_collection</c>).</summary>
    [Benchmark]
    public RarityResult ScoreAndRank() => OpenRarityScorer.Instance.Score(_table);

    /// <summary>Build, score and rank: the whole job from parsed records.</summary>
    [Benchmark]
    public RarityResult BuildScoreAndRank() => OpenRarityScorer.Instance.Score(TraitTable.Build(_records));

    /// <summary>rarity.tools rarity score and rank, for comparison.</summary>
    [Benchmark]
    public RarityResult RarityScoreAndRank() => RarityScorers.Get(RarityMethod.RarityScore).Score(_table);
}
