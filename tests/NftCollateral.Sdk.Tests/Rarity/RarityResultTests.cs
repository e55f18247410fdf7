using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// <see cref="RarityResult"/>: the per-trait breakdown (spec §7: make the meta trait and Null categories visible), its
/// agreement with OpenRarity's score (score = Σ IC / H, §2.6–§2.8), lookups, rank order, and <see cref="RarityResult.Create"/>
/// for custom scorers.
/// </summary>
public sealed class RarityResultTests
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>
    /// N = 4, rows a, b, c, d; columns hat, eyes, meta_trait:trait_count:
    /// a: Cap (2), Blue (3), "2" (3); b: Cap (2), Red (1), "2" (3); c: Null (1), Blue (3), "1" (1); d: Crown (1), Blue (3), "2" (3).
    /// </summary>
    private static TraitTable Small() => TraitTable.Build([
        new TokenTraits("a", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Blue")]),
        new TokenTraits("b", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Red")]),
        new TokenTraits("c", [TraitValue.FromText("Eyes", "Blue")]),
        new TokenTraits("d", [TraitValue.FromText("Hat", "Crown"), TraitValue.FromText("Eyes", "Blue")]),
    ]);

    private static void ShouldBeRelative(double actual, double expected, string? because = null) =>
        actual.ShouldBe(expected, Math.Abs(expected) * RelativeTolerance, because);

    // ---------------------------------------------------------------- GetBreakdown

    [Fact]
    public void GetBreakdown_OneEntryPerTraitTypeInColumnOrder()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        IReadOnlyList<TraitContribution> breakdown = result.GetBreakdown(0);
        breakdown.Select(c => c.TraitType).ShouldBe(["hat", "eyes", TraitType.TraitCountName]);
        breakdown.Select(c => c.DisplayName).ShouldBe(["Hat", "Eyes", TraitType.TraitCountName]);
    }

    [Fact]
    public void GetBreakdown_MissingTrait_NullEntryFlaggedAndNeverUnique()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        TraitContribution hat = result.GetBreakdown(2)[0]; // token c lacks a hat; it is the only one (Null count 1)
        hat.IsNull.ShouldBeTrue();
        hat.Value.ShouldBe("null");
        hat.Count.ShouldBe(1);
        hat.Probability.ShouldBe(0.25);
        hat.InformationContent.ShouldBe(2.0); // -log2(1/4)
        hat.IsUnique.ShouldBeFalse();
    }

    [Fact]
    public void GetBreakdown_TraitCount_FlaggedAndUniqueWhenCountIsOne()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        TraitContribution meta = result.GetBreakdown(2)[2]; // token c: trait count "1", held by c alone
        meta.IsTraitCount.ShouldBeTrue();
        meta.IsNull.ShouldBeFalse();
        meta.Value.ShouldBe("1");
        meta.Count.ShouldBe(1);
        meta.IsUnique.ShouldBeTrue();
        result.GetBreakdown(2).Take(2).ShouldAllBe(c => !c.IsTraitCount);
    }

    [Fact]
    public void GetBreakdown_Values_ProbabilityCountOverNAndInformationContentMinusLog2P()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        IReadOnlyList<TraitContribution> b = result.GetBreakdown(1);
        b.Select(c => (c.Value, c.Count, c.IsNull, c.IsUnique)).ShouldBe([("Cap", 2, false, false), ("Red", 1, false, true), ("2", 3, false, false)]);
        b.Select(c => c.Probability).ShouldBe([2.0 / 4, 1.0 / 4, 3.0 / 4]);
        ShouldBeRelative(b[0].InformationContent, 1.0);                  // -log2(1/2)
        ShouldBeRelative(b[1].InformationContent, 2.0);                  // -log2(1/4)
        ShouldBeRelative(b[2].InformationContent, Math.Log2(4.0 / 3.0)); // -log2(3/4)
    }

    [Fact]
    public void GetBreakdown_Value_IsSourceSpelling()
    {
        TraitTable table = TraitTable.Build([
            new TokenTraits("1", [TraitValue.FromText(" Hat", "Party Hat ")]),
            new TokenTraits("2", [TraitValue.FromText("HAT", "party hat")]),
        ]);
        RarityResult result = RarityScorers.OpenRarity.Score(table);

        TraitContribution hat = result.GetBreakdown(1)[0];
        hat.TraitType.ShouldBe("hat");
        hat.DisplayName.ShouldBe(" Hat");
        hat.Value.ShouldBe("Party Hat ");
        hat.Count.ShouldBe(2);
    }

    [Fact]
    public void GetBreakdown_OutOfRange_Throws()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        Should.Throw<ArgumentOutOfRangeException>(() => result.GetBreakdown(4));
        Should.Throw<ArgumentOutOfRangeException>(() => result.GetBreakdown(-1));
    }

    [Fact]
    public void CollectionEntropy_SmallCollection_SumOfPerTraitShannonEntropies()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        double hat = (0.5 * 1) + (0.25 * 2) + (0.25 * 2);          // Cap 1/2, Crown 1/4, Null 1/4
        double eyes = (0.75 * Math.Log2(4.0 / 3.0)) + (0.25 * 2); // Blue 3/4, Red 1/4
        double meta = eyes;                                       // "2" 3/4, "1" 1/4
        ShouldBeRelative(result.CollectionEntropy!.Value, hat + eyes + meta);
    }

    [Fact]
    public void GetBreakdown_SumOfInformationContentOverEntropy_EqualsOpenRarityScore()
    {
        TraitTable table = TraitTable.Build(DemoCollectionGenerator.Generate(300, seed: 11));
        RarityResult result = RarityScorers.OpenRarity.Score(table);
        double entropy = result.CollectionEntropy!.Value;

        for (int i = 0; i < result.TokenCount; i++)
        {
            double ic = result.GetBreakdown(i).Sum(c => c.InformationContent);
            ShouldBeRelative(ic / entropy, result.Scores[i], $"token row {i}");
        }
    }

    [Fact]
    public void GetBreakdown_SmallCollection_ScoreOfTokenCByHand()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        // c: Null hat 1/4, Blue 3/4, "1" 1/4 → IC = 2 + log2(4/3) + 2.
        double h = 1.5 + (2 * ((0.75 * Math.Log2(4.0 / 3.0)) + 0.5));
        ShouldBeRelative(result.GetToken("c").Score, (4 + Math.Log2(4.0 / 3.0)) / h);
    }

    [Fact]
    public void GetBreakdown_IsUnique_OnlyForNonNullCountOne()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(TraitTable.Build(DemoCollectionGenerator.Generate(300, seed: 5)));

        for (int i = 0; i < result.TokenCount; i++)
        {
            IReadOnlyList<TraitContribution> breakdown = result.GetBreakdown(i);
            breakdown.ShouldAllBe(c => c.IsUnique == (!c.IsNull && c.Count == 1));
            breakdown.Count(c => c.IsUnique).ShouldBe(result.UniqueTraitCounts[i]);
        }
    }

    // ---------------------------------------------------------------- lookups and order

    [Fact]
    public void Indexer_AndGetToken_Agree()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        foreach (string id in new[] { "a", "b", "c", "d" })
        {
            TokenRarity byId = result.GetToken(id);
            int row = result.Table.GetTokenIndex(id);
            result[row].ShouldBe(byId);
            byId.TokenId.ShouldBe(id);
            byId.TokenIndex.ShouldBe(row);
            byId.Score.ShouldBe(result.Scores[row]);
            byId.Rank.ShouldBe(result.Ranks[row]);
            byId.OpenRarityRank.ShouldBe(result.OpenRarityRanks[row]);
            byId.ScoreRank.ShouldBe(result.ScoreRanks[row]);
            byId.UniqueTraitCount.ShouldBe(result.UniqueTraitCounts[row]);
        }
    }

    [Fact]
    public void GetToken_UnknownId_ThrowsKeyNotFound()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        Should.Throw<KeyNotFoundException>(() => result.GetToken("z"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Indexer_OutOfRange_Throws(int index)
    {
        RarityResult result = RarityScorers.OpenRarity.Score(Small());

        Should.Throw<ArgumentOutOfRangeException>(() => result[index]);
    }

    [Fact]
    public void InRankOrder_SortedByRankCoveringEveryToken()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(TraitTable.Build(DemoCollectionGenerator.Generate(300, seed: 3)));

        TokenRarity[] ordered = result.InRankOrder().ToArray();
        ordered.Length.ShouldBe(300);
        ordered.Select(t => t.TokenIndex).Distinct().Count().ShouldBe(300);
        ordered[0].Rank.ShouldBe(1);
        for (int k = 1; k < ordered.Length; k++)
        {
            ordered[k].Rank.ShouldBeGreaterThanOrEqualTo(ordered[k - 1].Rank, $"position {k}");
        }

        ordered.Select(t => t.TokenIndex).ShouldBe(result.RankOrder.ToArray());
    }

    // ---------------------------------------------------------------- Create

    /// <summary>A custom method: longer token ids are "rarer".</summary>
    private sealed class TokenIdLengthScorer(bool uniqueFirst) : IRarityScorer
    {
        public string Name => "token-id-length";

        public RarityResult Score(TraitTable table) => RarityResult.Create(
            table,
            Name,
            table.TokenIds.Select(id => (double)id.Length).ToArray(),
            higherIsRarer: true,
            ranksByUniqueTraitsFirst: uniqueFirst);
    }

    /// <summary>Ids 7, 1000, 42, 100 (lengths 1, 4, 2, 3); token 42 alone has a Crown, the others a Cap.</summary>
    private static TraitTable IdLengthTable() => TraitTable.Build([
        new TokenTraits("7", [TraitValue.FromText("Hat", "Cap")]),
        new TokenTraits("1000", [TraitValue.FromText("Hat", "Cap")]),
        new TokenTraits("42", [TraitValue.FromText("Hat", "Crown")]),
        new TokenTraits("100", [TraitValue.FromText("Hat", "Cap")]),
    ]);

    [Fact]
    public void Create_CustomScorer_RanksByItsScores()
    {
        RarityResult result = new TokenIdLengthScorer(uniqueFirst: false).Score(IdLengthTable());

        result.Method.ShouldBe("token-id-length");
        result.CollectionEntropy.ShouldBeNull();
        result.HigherIsRarer.ShouldBeTrue();
        result.Scores.ToArray().ShouldBe([1.0, 4.0, 2.0, 3.0]);
        result.Ranks.ToArray().ShouldBe([4, 1, 3, 2]);
        result.GetToken("1000").Rank.ShouldBe(1);
    }

    [Fact]
    public void Create_CustomScorer_DerivesUniqueCountsAndOpenRarityRanks()
    {
        RarityResult result = new TokenIdLengthScorer(uniqueFirst: false).Score(IdLengthTable());

        result.UniqueTraitCounts.ToArray().ShouldBe([0, 0, 1, 0]); // Crown; the trait count "1" is shared by all
        result.OpenRarityRanks.ToArray().ShouldBe([4, 2, 1, 3]);
        result.ScoreRanks.ToArray().ShouldBe([4, 1, 3, 2]);
    }

    [Fact]
    public void Create_CustomScorerUniqueFirst_RanksAreOpenRarityRanks()
    {
        RarityResult result = new TokenIdLengthScorer(uniqueFirst: true).Score(IdLengthTable());

        result.RanksByUniqueTraitsFirst.ShouldBeTrue();
        result.Ranks.ToArray().ShouldBe([4, 2, 1, 3]);
        result.RankOrder.ToArray().ShouldBe([2, 1, 3, 0]);
    }

    [Fact]
    public void Create_WrongScoreCount_ThrowsArgumentException()
    {
        TraitTable table = IdLengthTable();

        Should.Throw<ArgumentException>(() => RarityResult.Create(table, "x", [1.0, 2.0, 3.0], true, false));
        Should.Throw<ArgumentException>(() => RarityResult.Create(table, "x", [1.0, 2.0, 3.0, 4.0, 5.0], true, false));
    }

    [Fact]
    public void Create_NullArguments_ThrowArgumentNull()
    {
        TraitTable table = IdLengthTable();
        double[] scores = [1.0, 2.0, 3.0, 4.0];

        Should.Throw<ArgumentNullException>(() => RarityResult.Create(null!, "x", scores, true, false));
        Should.Throw<ArgumentNullException>(() => RarityResult.Create(table, null!, scores, true, false));
        Should.Throw<ArgumentNullException>(() => RarityResult.Create(table, "x", null!, true, false));
    }

    [Fact]
    public void Create_CollectionEntropy_CarriedThrough()
    {
        RarityResult result = RarityResult.Create(IdLengthTable(), "x", [1.0, 2.0, 3.0, 4.0], true, false, collectionEntropy: 2.5);

        result.CollectionEntropy.ShouldBe(2.5);
        result.TokenCount.ShouldBe(4);
        result.Table.TokenCount.ShouldBe(4);
    }
}
