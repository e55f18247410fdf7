using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Docs;

/// <summary>The code samples of README.md and docs/extensibility.md, compiled and run.</summary>
public sealed class DocumentationSnippetTests
{
    [Fact]
    public async Task ReadmeUsage_RanksBaycApeFirstWithBreakdown()
    {
        string path = SharedData.Path("data", "bayc-traits.json");
        await using FileStream file = File.OpenRead(path);
        CollectionTraits collection = await TraitsJson.ReadAsync(file, "bayc-traits.json");
        TraitTable table = TraitTable.Build(collection.Tokens);
        RarityResult result = RarityScorers.OpenRarity.Score(table);

        TokenRarity ape = result.GetToken("7495");
        IReadOnlyList<TraitContribution> breakdown = result.GetBreakdown(ape.TokenIndex);

        ape.Rank.ShouldBe(1);
        ape.Score.ShouldBe(1.5069744270097578, 1e-12);
        breakdown.Count.ShouldBe(8);
        breakdown.Sum(t => t.InformationContent).ShouldBe(ape.Score * result.CollectionEntropy!.Value, 1e-9);
    }

    [Fact]
    public void ExtensibilitySample_CustomScorer_RanksByRarestValue()
    {
        TokenTraits[] tokens =
        [
            new("a", [TraitValue.FromText("Hat", "Cap")]),
            new("b", [TraitValue.FromText("Hat", "Cap")]),
            new("c", [TraitValue.FromText("Hat", "Crown")]),
        ];

        RarityResult result = new MaxInformationScorer().Score(TraitTable.Build(tokens));

        result.Method.ShouldBe("max-information");
        result.GetToken("c").Rank.ShouldBe(1);
        result.GetToken("c").Score.ShouldBe(Math.Log2(3), 1e-12);
        result.GetToken("a").Rank.ShouldBe(2);
        result.GetToken("b").Rank.ShouldBe(2);
    }

    /// <summary>Rarity as the token's rarest value's information content, in bits (docs/extensibility.md).</summary>
    private sealed class MaxInformationScorer : IRarityScorer
    {
        public string Name => "max-information";

        public RarityResult Score(TraitTable table)
        {
            var scores = new double[table.TokenCount];
            for (int i = 0; i < table.TokenCount; i++)
            {
                ReadOnlySpan<int> row = table.GetRow(i);
                double best = 0;
                for (int t = 0; t < row.Length; t++)
                {
                    int count = table.TraitTypes[t].Counts[row[t]];
                    best = Math.Max(best, OpenRarityScorer.InformationContent(table.TokenCount, count));
                }

                scores[i] = best;
            }

            return RarityResult.Create(table, Name, scores, higherIsRarer: true, ranksByUniqueTraitsFirst: false);
        }
    }
}
