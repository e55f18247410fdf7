using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.Aave;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>Aave v3 account figures (shared/specs/lending.md §9) against the spec's formulas and boundaries.</summary>
public sealed class AaveGenericLogicTests
{
    private static Gen<AaveV3Collateral[]> CollateralsGen { get; } =
        from count in Gen.Choose(0, 6)
        from items in Gen.ArrayOf(
            from balance in BelowBits(80)
            from ltv in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 9_500)))
            from lt in Gen.Choose(0, 10_000)
            select new AaveV3Collateral(balance, ltv, lt),
            count)
        select items;

    [Fact]
    public void Averages_AreFlooredBalanceWeightedMeans()
    {
        Property property = Prop.ForAll(CollateralsGen.ToArbitrary(), items =>
        {
            BigInteger total = items.Aggregate(BigInteger.Zero, (s, c) => s + c.BalanceInBaseCurrency);
            BigInteger ltvWeighted = items.Aggregate(BigInteger.Zero, (s, c) => s + (c.BalanceInBaseCurrency * c.Ltv));
            BigInteger ltWeighted = items.Aggregate(BigInteger.Zero, (s, c) => s + (c.BalanceInBaseCurrency * c.LiquidationThreshold));

            AaveV3AccountAverages result = AaveV3GenericLogic.CalculateAverages(items);
            result.TotalCollateralInBaseCurrency.ShouldBe(total);
            result.AvgLtv.ShouldBe(total.IsZero ? 0 : ltvWeighted / total);
            result.AvgLiquidationThreshold.ShouldBe(total.IsZero ? 0 : ltWeighted / total);
            result.HasZeroLtvCollateral.ShouldBe(items.Any(c => c.Ltv.IsZero));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Averages_HandExample()
    {
        // 10 000 at 80 %/82.5 % and 5 000 at 70 %/75 %: ⌊(8e7 + 3.5e7)/15 000⌋ = 7666, ⌊(8.25e7 + 3.75e7)/15 000⌋ = 8000.
        AaveV3AccountAverages result = AaveV3GenericLogic.CalculateAverages(
            [new AaveV3Collateral(10_000, 8_000, 8_250), new AaveV3Collateral(5_000, 7_000, 7_500)]);
        result.ShouldBe(new AaveV3AccountAverages(15_000, 7_666, 8_000, false));
    }

    [Fact]
    public void Averages_OverflowPanics()
    {
        Outcome(() => AaveV3GenericLogic.CalculateAverages([new AaveV3Collateral(Max, 1, 1), new AaveV3Collateral(1, 1, 1)]).AvgLtv)
            .Revert.ShouldBe(Panic11);
        Outcome(() => AaveV3GenericLogic.CalculateAverages([new AaveV3Collateral(Max, 2, 0)]).AvgLtv).Revert.ShouldBe(Panic11);
        Should.Throw<ArgumentOutOfRangeException>(() => AaveV3GenericLogic.CalculateAverages([new AaveV3Collateral(-1, 0, 0)]));
    }

    [Fact]
    public void HealthFactor_IsWadDivOfPercentMul()
    {
        Property property = Prop.ForAll(PairGen.ToArbitrary(), pair =>
        {
            BigInteger collateral = pair.A >> 100;
            BigInteger debt = pair.B >> 100;
            BigInteger expected = debt.IsZero ? Max : RoundHalfUp(RoundHalfUp(collateral * 8_250, Bps) * Wad, debt);
            AaveV3GenericLogic.CalculateHealthFactor(collateral, debt, 8_250).ShouldBe(expected);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void HealthFactor_Examples()
    {
        AaveV3GenericLogic.CalculateHealthFactor(1_000_000_000_000, 0, 8_250).ShouldBe(Max);
        AaveV3GenericLogic.CalculateHealthFactor(1_000_000_000_000, 825_000_000_000, 8_250).ShouldBe(Wad);
        Outcome(() => AaveV3GenericLogic.CalculateHealthFactor(Max, 1, 8_000)).Revert.ShouldBe(NoData);
    }

    [Fact]
    public void Liquidation_IsStrictlyBelowOne_AndCloseFactorDoublesAtOrBelow095()
    {
        AaveV3GenericLogic.IsLiquidatable(Wad).ShouldBeFalse();
        AaveV3GenericLogic.IsLiquidatable(Wad - 1).ShouldBeTrue();

        BigInteger threshold = BigInteger.Parse("950000000000000000");
        AaveV3GenericLogic.CloseFactorHealthFactorThreshold.ShouldBe(threshold);
        AaveV3GenericLogic.GetCloseFactor(threshold + 1).ShouldBe(5_000);
        AaveV3GenericLogic.GetCloseFactor(threshold).ShouldBe(10_000);
        AaveV3GenericLogic.GetCloseFactor(0).ShouldBe(10_000);
    }

    [Fact]
    public void AvailableBorrows_IsClampedAtZero()
    {
        AaveV3GenericLogic.CalculateAvailableBorrows(10_000, 0, 8_000).ShouldBe(8_000);
        AaveV3GenericLogic.CalculateAvailableBorrows(10_000, 7_999, 8_000).ShouldBe(1);
        AaveV3GenericLogic.CalculateAvailableBorrows(10_000, 8_001, 8_000).ShouldBe(0);
        AaveV3GenericLogic.CalculateAvailableBorrows(1, 0, 5_000).ShouldBe(1); // 0.5 rounds up
        Outcome(() => AaveV3GenericLogic.CalculateAvailableBorrows(Max, 0, 1)).Revert.ShouldBe(NoData);
    }
}
