using System.Text.Json;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// Conformance with OpenRarity 0.7.5 (commit f2bc4d8): the expected file was produced by the unmodified reference
/// implementation (shared/conformance), the anchors come from OpenRarity's own tests.
/// </summary>
public sealed class OpenRarityConformanceTests
{
    private const double RelativeTolerance = 1e-12;

    [Fact]
    public void Bayc_AllTenThousandTokens_MatchReferenceRanksAndScores()
    {
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("conformance", "openrarity-bayc-expected.json")));
        RarityResult result = ScoreBayc();
        JsonElement ranks = expected.RootElement.GetProperty("ranks");

        int compared = 0;
        var rankMismatches = new List<string>();
        double worst = 0;
        foreach (JsonProperty entry in ranks.EnumerateObject())
        {
            TokenRarity actual = result.GetToken(entry.Name);
            int rank = entry.Value.GetProperty("rank").GetInt32();
            double score = entry.Value.GetProperty("score").GetDouble();
            if (actual.Rank != rank)
            {
                rankMismatches.Add($"{entry.Name}: expected {rank}, got {actual.Rank}");
            }

            worst = Math.Max(worst, Math.Abs(actual.Score - score) / Math.Abs(score));
            compared++;
        }

        compared.ShouldBe(10_000);
        result.TokenCount.ShouldBe(10_000);
        rankMismatches.ShouldBeEmpty();
        worst.ShouldBeLessThanOrEqualTo(RelativeTolerance);
    }

    [Fact]
    public void Bayc_OutputOrder_MatchesReferenceOrder()
    {
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("conformance", "openrarity-bayc-expected.json")));
        RarityResult result = ScoreBayc();
        string[] expectedOrder = expected.RootElement.GetProperty("ranks").EnumerateObject().Select(p => p.Name).ToArray();
        string[] actualOrder = result.InRankOrder().Select(t => t.TokenId).ToArray();
        actualOrder.ShouldBe(expectedOrder);
    }

    [Theory]
    [InlineData("7495", 1)]
    [InlineData("2100", 10)]
    [InlineData("5757", 11)]
    [InlineData("7754", 12)]
    [InlineData("5020", 3101)]
    [InlineData("1730", 3102)]
    [InlineData("2103", 5414)]
    [InlineData("980", 5415)]
    [InlineData("509", 4091)]
    [InlineData("6784", 7344)]
    [InlineData("5949", 7345)]
    [InlineData("8002", 7347)]
    [InlineData("5525", 9999)]
    [InlineData("5777", 10000)]
    public void Bayc_AnchorRanksFromOpenRarityTests(string tokenId, int rank)
    {
        ScoreBayc().GetToken(tokenId).Rank.ShouldBe(rank);
    }

    [Fact]
    public void Bayc_EntropyAndTopScore_MatchSpec()
    {
        RarityResult result = ScoreBayc();
        result.CollectionEntropy!.Value.ShouldBe(27.90969030752161, 27.9 * RelativeTolerance);
        TokenRarity top = result.GetToken("7495");
        top.Score.ShouldBe(1.5069744270097578, 1.5 * RelativeTolerance);
        top.Rank.ShouldBe(1);
    }

    [Fact]
    public void Bayc_ColumnsInOrderOfFirstAppearance_MetaTraitAfterTokenZero()
    {
        TraitTable table = TraitTable.Build(SharedData.LoadTraits("bayc-traits.json").Tokens);
        table.TraitTypes.Select(t => t.Name).ShouldBe(
            ["background", "clothes", "earring", "eyes", "fur", "mouth", "meta_trait:trait_count", "hat"]);
    }

    [Fact]
    public void WorkedExample_FromOpenRarityRankerTest_MatchesExactly()
    {
        string[][] rows =
        [
            ["v1", "v1", "v1"],
            ["v1", "v1", "v1"],
            ["v2", "v1", "v3"],
            ["v2", "v2", "v3"],
            ["v3", "v3", "v3"],
        ];
        TokenTraits[] tokens = rows.Select((r, i) => new TokenTraits(
            i.ToString(), [TraitValue.FromText("trait1", r[0]), TraitValue.FromText("trait2", r[1]), TraitValue.FromText("trait3", r[2])])).ToArray();

        RarityResult result = OpenRarityScorer.Instance.Score(TraitTable.Build(tokens));

        result.InRankOrder().Select(t => (t.TokenId, t.Rank, t.UniqueTraitCount)).ShouldBe(
            [("4", 1, 2), ("3", 2, 1), ("0", 3, 0), ("1", 3, 0), ("2", 5, 0)]);
        result.GetToken("4").Score.ShouldBe(1.3926137488801251, 1e-15);
        result.GetToken("3").Score.ShouldBe(1.1338031424711967, 1e-15);
        result.GetToken("0").Score.ShouldBe(0.8749925360622679, 1e-15);
        result.GetToken("1").Score.ShouldBe(0.8749925360622679, 1e-15);
        result.GetToken("2").Score.ShouldBe(0.7235980365241422, 1e-15);
    }

    internal static RarityResult ScoreBayc() =>
        OpenRarityScorer.Instance.Score(TraitTable.Build(SharedData.LoadTraits("bayc-traits.json").Tokens));
}
