using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// <see cref="RarityRanking"/>: Python's <c>math.isclose</c> and OpenRarity's <c>set_rarity_ranks</c>
/// (shared/specs/rarity.md §2.10): stable sort by (unique count, score) descending, competition ranks, isclose ties
/// against the previous token only.
/// </summary>
public sealed class RarityRankingTests
{
    private static (int[] Order, int[] Ranks) Rank(double[] scores, int[]? unique = null, bool higherIsRarer = true)
    {
        var order = new int[scores.Length];
        var ranks = new int[scores.Length];
        RarityRanking.Rank(scores, unique ?? [], higherIsRarer, order, ranks);
        return (order, ranks);
    }

    // ---------------------------------------------------------------- IsClose

    [Fact]
    public void IsClose_EqualValues_True()
    {
        RarityRanking.IsClose(1.5, 1.5).ShouldBeTrue();
        RarityRanking.IsClose(-7.25, -7.25).ShouldBeTrue();
    }

    [Fact]
    public void IsClose_JustInsideRelativeTolerance_True()
    {
        // |a - b| = 0.999e-9 <= 1e-9 * max(|a|, |b|): close. The margin (1e-12) is far above rounding (2e-16).
        RarityRanking.IsClose(1.0, 1.0 + 0.999e-9).ShouldBeTrue();
        RarityRanking.IsClose(1.0 + 0.999e-9, 1.0).ShouldBeTrue();
        RarityRanking.IsClose(1e6, 1e6 + 0.999e-3).ShouldBeTrue();
    }

    [Fact]
    public void IsClose_JustOutsideRelativeTolerance_False()
    {
        RarityRanking.IsClose(1.0, 1.0 + 1.001e-9).ShouldBeFalse();
        RarityRanking.IsClose(1.0 + 1.001e-9, 1.0).ShouldBeFalse();
        RarityRanking.IsClose(1e6, 1e6 + 1.001e-3).ShouldBeFalse();
    }

    [Fact]
    public void IsClose_NegativeNumbers_SymmetricTolerance()
    {
        RarityRanking.IsClose(-1.0, -1.0 - 0.999e-9).ShouldBeTrue();
        RarityRanking.IsClose(-1.0, -1.0 - 1.001e-9).ShouldBeFalse();
        RarityRanking.IsClose(-1.0, 1.0).ShouldBeFalse();
    }

    [Fact]
    public void IsClose_Infinities_OnlyEqualInfinitiesAreClose()
    {
        // math.isclose(inf, inf) is True; inf is close to nothing else.
        RarityRanking.IsClose(double.PositiveInfinity, double.PositiveInfinity).ShouldBeTrue();
        RarityRanking.IsClose(double.NegativeInfinity, double.NegativeInfinity).ShouldBeTrue();
        RarityRanking.IsClose(double.PositiveInfinity, double.NegativeInfinity).ShouldBeFalse();
        RarityRanking.IsClose(double.PositiveInfinity, double.MaxValue).ShouldBeFalse();
        RarityRanking.IsClose(double.MaxValue, double.PositiveInfinity).ShouldBeFalse();
    }

    [Fact]
    public void IsClose_Zeros_OnlyExactZeroIsCloseToZero()
    {
        // abs_tol = 0: nothing but a zero is close to zero.
        RarityRanking.IsClose(0.0, 0.0).ShouldBeTrue();
        RarityRanking.IsClose(0.0, -0.0).ShouldBeTrue();
        RarityRanking.IsClose(0.0, 1e-300).ShouldBeFalse();
        RarityRanking.IsClose(double.Epsilon, 0.0).ShouldBeFalse();
    }

    [Fact]
    public void IsClose_NaN_False()
    {
        RarityRanking.IsClose(double.NaN, double.NaN).ShouldBeFalse();
        RarityRanking.IsClose(double.NaN, 1.0).ShouldBeFalse();
    }

    // ---------------------------------------------------------------- Rank

    [Fact]
    public void Rank_TiedMiddleScores_CompetitionRanking()
    {
        (int[] order, int[] ranks) = Rank([3.0, 2.0, 2.0, 1.0]);

        order.ShouldBe([0, 1, 2, 3]);
        ranks.ShouldBe([1, 2, 2, 4]);
    }

    [Fact]
    public void Rank_EqualScores_KeepInputOrder()
    {
        (int[] order, int[] ranks) = Rank([1.0, 5.0, 1.0, 5.0, 1.0]);

        order.ShouldBe([1, 3, 0, 2, 4]);
        ranks.ShouldBe([3, 1, 3, 1, 3]);
    }

    [Fact]
    public void Rank_ChainOfNearEqualScores_ShareOneRankTransitively()
    {
        // Neighbours differ by 0.8e-9 (close), the ends by 1.6e-9 (not close), yet all share rank 1.
        double[] scores = [1.0, 1.0 + 0.8e-9, 1.0 + 1.6e-9, 0.5];
        RarityRanking.IsClose(scores[0], scores[2]).ShouldBeFalse();

        (int[] order, int[] ranks) = Rank(scores);

        order.ShouldBe([2, 1, 0, 3]);
        ranks.ShouldBe([1, 1, 1, 4]);
    }

    [Fact]
    public void Rank_UniqueTraitFirst_OutranksHigherScore()
    {
        (int[] order, int[] ranks) = Rank([5.0, 1.0, 3.0], unique: [0, 1, 0]);

        order.ShouldBe([1, 0, 2]);
        ranks.ShouldBe([2, 1, 3]);
    }

    [Fact]
    public void Rank_MoreUniqueTraits_OutranksFewer()
    {
        (int[] order, int[] ranks) = Rank([9.0, 1.0, 2.0], unique: [1, 3, 1]);

        order.ShouldBe([1, 0, 2]);
        ranks.ShouldBe([2, 1, 3]);
    }

    [Fact]
    public void Rank_NeighboursWithDifferentUniqueCountsButCloseScores_ShareRank()
    {
        // Spec §2.10: the tie test ignores the unique count (test_set_ranks_same_unique_different_ic_score).
        (int[] order, int[] ranks) = Rank([2.0, 2.0, 1.0], unique: [0, 1, 0]);

        order.ShouldBe([1, 0, 2]);
        ranks.ShouldBe([1, 1, 3]);
    }

    [Fact]
    public void Rank_LowerIsRarer_AscendingOrder()
    {
        (int[] order, int[] ranks) = Rank([3.0, 1.0, 2.0, 1.0], higherIsRarer: false);

        order.ShouldBe([1, 3, 2, 0]);
        ranks.ShouldBe([4, 1, 3, 1]);
    }

    [Fact]
    public void Rank_NegativeAndPositiveZero_Tie()
    {
        (int[] order, int[] ranks) = Rank([-0.0, 0.0, 1.0, -1.0]);

        order.ShouldBe([2, 0, 1, 3]); // -0.0 and 0.0 equal: input order
        ranks.ShouldBe([2, 2, 1, 4]);
    }

    [Fact]
    public void Rank_PositiveZeroBeforeNegativeZero_KeepsInputOrder()
    {
        (int[] order, _) = Rank([0.0, -0.0]);

        order.ShouldBe([0, 1]);
    }

    [Fact]
    public void Rank_NegativeScores_OrderedNumerically()
    {
        (int[] order, int[] ranks) = Rank([-2.5, -0.5, -10.0, 3.0]);

        order.ShouldBe([3, 1, 0, 2]);
        ranks.ShouldBe([3, 2, 4, 1]);
    }

    [Fact]
    public void Rank_Empty_NoOutput()
    {
        (int[] order, int[] ranks) = Rank([]);

        order.ShouldBeEmpty();
        ranks.ShouldBeEmpty();
    }

    [Fact]
    public void Rank_UniqueCountsLengthMismatch_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => Rank([1.0, 2.0], unique: [1]));
    }

    [Fact]
    public void Rank_OutputSpansTooShort_ThrowsArgumentException()
    {
        double[] scores = [1.0, 2.0, 3.0];
        Should.Throw<ArgumentException>(() => RarityRanking.Rank(scores, [], true, new int[2], new int[3]));
        Should.Throw<ArgumentException>(() => RarityRanking.Rank(scores, [], true, new int[3], new int[2]));
    }

    [Fact]
    public void Rank_SpecWorkedExample_MatchesSection2_13()
    {
        // Spec §2.13: scores and unique counts of tokens 0..4; expected order 4, 3, 0, 1, 2 and ranks 1, 2, 3, 3, 5.
        double[] scores = [0.8749925360622679, 0.8749925360622679, 0.7235980365241422, 1.1338031424711967, 1.3926137488801251];
        (int[] order, int[] ranks) = Rank(scores, unique: [0, 0, 0, 1, 2]);

        order.ShouldBe([4, 3, 0, 1, 2]);
        ranks.ShouldBe([3, 3, 5, 2, 1]);
    }

    // ---------------------------------------------------------------- property: equals a LINQ stable reference

    private static readonly double[] ScorePool =
        [0.0, -0.0, 1.0, 1.0 + 5e-10, 1.0 + 1e-9 + 5e-10, 1.0 + 2e-9, 2.0, -3.5, 1e300, double.PositiveInfinity, double.NegativeInfinity];

    private static Gen<double> ScoreGen() => Gen.OneOf(
        Gen.Elements(ScorePool),
        Gen.Choose(-40, 40).Select(i => i / 8.0));

    private static Gen<(double Score, int Unique)> EntryGen() =>
        from score in ScoreGen()
        from unique in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        select (score, unique);

    private static bool ReferenceIsClose(double a, double b) =>
        a == b || (!double.IsInfinity(a) && !double.IsInfinity(b)
            && Math.Abs(a - b) <= Math.Max(1e-9 * Math.Abs(a), 1e-9 * Math.Abs(b)));

    [Fact]
    public void Rank_RandomScoresAndUniqueCounts_EqualsLinqStableReference()
    {
        Gen<((double Score, int Unique)[] Entries, bool HigherIsRarer)> input =
            from entries in Gen.ArrayOf(EntryGen())
            from higher in Gen.Elements(true, false)
            select (entries, higher);

        Property property = Prop.ForAll(input.ToArbitrary(), tuple =>
        {
            ((double Score, int Unique)[] entries, bool higher) = tuple;
            double[] scores = entries.Select(e => e.Score).ToArray();
            int[] unique = entries.Select(e => e.Unique).ToArray();

            IOrderedEnumerable<int> byUnique = Enumerable.Range(0, entries.Length).OrderByDescending(i => unique[i]);
            int[] expectedOrder = (higher ? byUnique.ThenByDescending(i => scores[i]) : byUnique.ThenBy(i => scores[i])).ToArray();
            var expectedRanks = new int[entries.Length];
            for (int k = 0; k < expectedOrder.Length; k++)
            {
                int token = expectedOrder[k];
                expectedRanks[token] = k > 0 && ReferenceIsClose(scores[token], scores[expectedOrder[k - 1]])
                    ? expectedRanks[expectedOrder[k - 1]]
                    : k + 1;
            }

            (int[] order, int[] ranks) = Rank(scores, unique, higher);
            return order.SequenceEqual(expectedOrder) && ranks.SequenceEqual(expectedRanks);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
