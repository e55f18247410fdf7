using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// The frequency-based methods of shared/specs/rarity.md §6 (rarity.tools "Rarity Score", statistical, average and
/// rarest-trait rarity), over every trait type including Null categories and the trait-count meta trait, with every
/// expected score worked out by hand; and <see cref="RarityScorers"/>.
/// </summary>
public sealed class TraitFrequencyScorerTests
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>
    /// N = 4, rows a, b, c, d. Columns hat, eyes, meta_trait:trait_count. Category counts per token:
    /// <code>
    /// token  hat          eyes        trait count
    /// a      Cap   (2)    Blue (3)    "2" (3)
    /// b      Cap   (2)    Red  (1)    "2" (3)
    /// c      Null  (1)    Blue (3)    "1" (1)
    /// d      Crown (1)    Blue (3)    "2" (3)
    /// </code>
    /// </summary>
    private static TraitTable Small() => TraitTable.Build([
        new TokenTraits("a", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Blue")]),
        new TokenTraits("b", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Red")]),
        new TokenTraits("c", [TraitValue.FromText("Eyes", "Blue")]),
        new TokenTraits("d", [TraitValue.FromText("Hat", "Crown"), TraitValue.FromText("Eyes", "Blue")]),
    ]);

    /// <summary>
    /// N = 6, four traits A–D, every token has all four (trait count "4" for all, count 6):
    /// t0, t1 hold "p" everywhere (count 2 each); t2–t4 hold "q" everywhere (A: 3 tokens, B–D: 4 tokens);
    /// t5 holds the unique A = "u" and "q" elsewhere.
    /// </summary>
    private static TraitTable UniqueVersusScore()
    {
        static TokenTraits T(string id, string a, string rest) => new(id,
        [
            TraitValue.FromText("A", a), TraitValue.FromText("B", rest), TraitValue.FromText("C", rest), TraitValue.FromText("D", rest),
        ]);

        return TraitTable.Build([T("t0", "p", "p"), T("t1", "p", "p"), T("t2", "q", "q"), T("t3", "q", "q"), T("t4", "q", "q"), T("t5", "u", "q")]);
    }

    private static void ScoresShouldBe(RarityResult result, double[] expected)
    {
        double[] actual = result.Scores.ToArray();
        actual.Length.ShouldBe(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldBe(expected[i], Math.Abs(expected[i]) * RelativeTolerance, $"token row {i}");
        }
    }

    // ---------------------------------------------------------------- scores, by hand

    [Fact]
    public void Score_RarityScore_SumOfNOverCountIncludingNullAndMeta()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.RarityScore).Score(Small());

        ScoresShouldBe(result,
        [
            (4.0 / 2) + (4.0 / 3) + (4.0 / 3), // a = 14/3
            (4.0 / 2) + (4.0 / 1) + (4.0 / 3), // b = 22/3
            (4.0 / 1) + (4.0 / 3) + (4.0 / 1), // c = 28/3: its missing hat is the Null category (count 1)
            (4.0 / 1) + (4.0 / 3) + (4.0 / 3), // d = 20/3
        ]);
    }

    [Fact]
    public void Score_Statistical_ProductOfCountOverN()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.Statistical).Score(Small());

        ScoresShouldBe(result,
        [
            (2.0 / 4) * (3.0 / 4) * (3.0 / 4), // a = 18/64
            (2.0 / 4) * (1.0 / 4) * (3.0 / 4), // b = 6/64
            (1.0 / 4) * (3.0 / 4) * (1.0 / 4), // c = 3/64
            (1.0 / 4) * (3.0 / 4) * (3.0 / 4), // d = 9/64
        ]);
    }

    [Fact]
    public void Score_Average_MeanOfCountOverN()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.AverageTraitRarity).Score(Small());

        ScoresShouldBe(result,
        [
            ((2.0 / 4) + (3.0 / 4) + (3.0 / 4)) / 3, // a = 8/12
            ((2.0 / 4) + (1.0 / 4) + (3.0 / 4)) / 3, // b = 6/12
            ((1.0 / 4) + (3.0 / 4) + (1.0 / 4)) / 3, // c = 5/12
            ((1.0 / 4) + (3.0 / 4) + (3.0 / 4)) / 3, // d = 7/12
        ]);
    }

    [Fact]
    public void Score_Rarest_MinimumCountOverN()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.RarestTrait).Score(Small());

        ScoresShouldBe(result,
        [
            2.0 / 4, // a: min(2, 3, 3) / 4
            1.0 / 4, // b: Red
            1.0 / 4, // c: Null hat and trait count "1"
            1.0 / 4, // d: Crown
        ]);
    }

    // ---------------------------------------------------------------- direction

    [Fact]
    public void Score_RarityScore_HigherIsRarer()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.RarityScore).Score(Small());

        result.HigherIsRarer.ShouldBeTrue();
        result.Ranks.ToArray().ShouldBe([4, 2, 1, 3]); // c 28/3 > b 22/3 > d 20/3 > a 14/3
    }

    [Fact]
    public void Score_Statistical_LowerIsRarer()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.Statistical).Score(Small());

        result.HigherIsRarer.ShouldBeFalse();
        result.Ranks.ToArray().ShouldBe([4, 2, 1, 3]); // c 3/64 < b 6/64 < d 9/64 < a 18/64
    }

    [Fact]
    public void Score_Average_LowerIsRarer()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.AverageTraitRarity).Score(Small());

        result.HigherIsRarer.ShouldBeFalse();
        result.Ranks.ToArray().ShouldBe([4, 2, 1, 3]); // c 5/12 < b 6/12 < d 7/12 < a 8/12
    }

    [Fact]
    public void Score_Rarest_LowerIsRarerWithTies()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.RarestTrait).Score(Small());

        result.HigherIsRarer.ShouldBeFalse();
        result.Ranks.ToArray().ShouldBe([4, 1, 1, 1]); // b, c, d at 1/4 tie; a at 1/2
        result.RankOrder.ToArray().ShouldBe([1, 2, 3, 0]); // ties in input order
    }

    // ---------------------------------------------------------------- Rank versus OpenRarityRanks

    [Fact]
    public void Score_RarityScore_RankUsesScoreAlone()
    {
        // Scores: t0, t1 = 4·(6/2) + 6/6 = 13; t5 = 6/1 + 3·(6/4) + 1 = 11.5; t2–t4 = 6/3 + 3·(6/4) + 1 = 7.5.
        RarityResult result = RarityScorers.Get(RarityMethod.RarityScore).Score(UniqueVersusScore());

        ScoresShouldBe(result, [13, 13, 7.5, 7.5, 7.5, 11.5]);
        result.RanksByUniqueTraitsFirst.ShouldBeFalse();
        result.Ranks.ToArray().ShouldBe([1, 1, 4, 4, 4, 3]);
        result.Ranks.ToArray().ShouldBe(result.ScoreRanks.ToArray());
    }

    [Fact]
    public void Score_RarityScore_OpenRarityRanksPutUniqueTraitFirst()
    {
        RarityResult result = RarityScorers.Get(RarityMethod.RarityScore).Score(UniqueVersusScore());

        result.UniqueTraitCounts.ToArray().ShouldBe([0, 0, 0, 0, 0, 1]);
        result.OpenRarityRanks.ToArray().ShouldBe([2, 2, 4, 4, 4, 1]);
    }

    [Fact]
    public void Score_Statistical_RankUsesScoreAloneOpenRarityRanksUniqueFirst()
    {
        // t0, t1 = (2/6)^4 = 16/1296; t5 = (1/6)(4/6)^3 = 64/1296; t2–t4 = (3/6)(4/6)^3 = 192/1296 (trait count: 6/6 = 1).
        RarityResult result = RarityScorers.Get(RarityMethod.Statistical).Score(UniqueVersusScore());

        ScoresShouldBe(result, [16.0 / 1296, 16.0 / 1296, 192.0 / 1296, 192.0 / 1296, 192.0 / 1296, 64.0 / 1296]);
        result.Ranks.ToArray().ShouldBe([1, 1, 4, 4, 4, 3]);
        result.OpenRarityRanks.ToArray().ShouldBe([2, 2, 4, 4, 4, 1]);
    }

    [Fact]
    public void Score_OpenRarity_RankUsesUniqueFirst()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(UniqueVersusScore());

        result.RanksByUniqueTraitsFirst.ShouldBeTrue();
        result.Ranks.ToArray().ShouldBe(result.OpenRarityRanks.ToArray());
        result.Ranks[5].ShouldBe(1);
    }

    [Fact]
    public void Score_NullTable_ThrowsArgumentNull()
    {
        foreach (RarityMethod method in Enum.GetValues<RarityMethod>())
        {
            Should.Throw<ArgumentNullException>(() => RarityScorers.Get(method).Score(null!), method.ToString());
        }
    }

    // ---------------------------------------------------------------- RarityScorers

    [Theory]
    [InlineData(RarityMethod.OpenRarity, "openrarity")]
    [InlineData(RarityMethod.RarityScore, "rarity-score")]
    [InlineData(RarityMethod.Statistical, "statistical")]
    [InlineData(RarityMethod.AverageTraitRarity, "average")]
    [InlineData(RarityMethod.RarestTrait, "rarest")]
    public void GetName_EachMethod_DocumentedShortName(RarityMethod method, string name)
    {
        RarityScorers.GetName(method).ShouldBe(name);
        RarityScorers.Get(method).Name.ShouldBe(name);
    }

    [Fact]
    public void TryParse_NameOfEveryMethod_RoundTrips()
    {
        RarityMethod[] methods = Enum.GetValues<RarityMethod>();
        methods.Length.ShouldBe(5);
        foreach (RarityMethod method in methods)
        {
            RarityScorers.TryParse(RarityScorers.GetName(method), out RarityMethod parsed).ShouldBeTrue(method.ToString());
            parsed.ShouldBe(method);
            RarityScorers.Get(parsed).ShouldBeSameAs(RarityScorers.Get(method));
        }
    }

    [Fact]
    public void Get_Method_ResultCarriesTheMethodName()
    {
        TraitTable table = Small();
        foreach (RarityMethod method in Enum.GetValues<RarityMethod>())
        {
            RarityScorers.Get(method).Score(table).Method.ShouldBe(RarityScorers.GetName(method));
        }
    }

    [Theory]
    [InlineData("RARITY-SCORE", RarityMethod.RarityScore)]
    [InlineData("OpenRarity", RarityMethod.OpenRarity)]
    [InlineData("Statistical", RarityMethod.Statistical)]
    [InlineData("aVeRaGe", RarityMethod.AverageTraitRarity)]
    [InlineData("RAREST", RarityMethod.RarestTrait)]
    public void TryParse_AnyCase_Recognised(string name, RarityMethod expected)
    {
        RarityScorers.TryParse(name, out RarityMethod method).ShouldBeTrue();
        method.ShouldBe(expected);
    }

    [Theory]
    [InlineData("jaccard")]
    [InlineData("rarityscore")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_ReturnsFalse(string? name)
    {
        RarityScorers.TryParse(name, out RarityMethod method).ShouldBeFalse();
        method.ShouldBe(default);
    }

    [Fact]
    public void Get_UndefinedMethod_ThrowsArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RarityScorers.Get((RarityMethod)99));
        Should.Throw<ArgumentOutOfRangeException>(() => RarityScorers.GetName((RarityMethod)99));
    }

    [Fact]
    public void OpenRarity_IsTheOpenRarityMethod()
    {
        RarityScorers.OpenRarity.ShouldBeSameAs(RarityScorers.Get(RarityMethod.OpenRarity));
    }
}
