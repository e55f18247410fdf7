using NftCollateral.Sdk.Lending;
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

    [Fact]
    public void LendingDocSample_BendDaoLoanAfterOneYear()
    {
        var terms = new LoanTerms
        {
            Protocol = ProtocolProfiles.BendDao,
            Principal = EtherUnits.ParseEther("4"),
            AprBps = 1500,
            Start = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            LiquidationThresholdBps = 8000,
        };
        LoanPosition now = LoanMath.Evaluate(terms, DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), EtherUnits.ParseEther("10"));

        // 366 days at 15% compounded per second: about e^(0.15 * 366/365) - 1 = 16.23% interest.
        ((double)now.Interest / 4e18).ShouldBe(Math.Exp(0.15 * 366 / 365) - 1, 1e-4);
        now.Liquidatable.ShouldBeFalse();
        now.Status.ShouldBe(LoanStatus.Active);
        ((double)now.HealthFactor!.Value / 1e18).ShouldBe(10 * 0.8 / ((double)now.Debt / 1e18), 1e-12);
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
