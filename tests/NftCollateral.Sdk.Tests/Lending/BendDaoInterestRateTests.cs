using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.BendDao;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>BendDAO v1 two-slope InterestRate (shared/specs/lending.md §2.4, §10 parameters) against the spec formula.</summary>
public sealed class BendDaoInterestRateTests
{
    // §10: WETH reserve rate model U* 65 %, base 3 %, s1 8 %, s2 100 %.
    private static readonly BendDaoV1InterestRateStrategy Weth = new(Ray * 65 / 100, Ray * 3 / 100, Ray * 8 / 100, Ray);

    private static BigInteger RayMulRef(BigInteger a, BigInteger b) => RoundHalfUp(a * b, Ray);

    private static BigInteger RayDivRef(BigInteger a, BigInteger b) => RoundHalfUp(a * Ray, b);

    /// <summary>§2.4 written out, with the half-up helpers of this test.</summary>
    private static (BigInteger Liquidity, BigInteger Variable) Reference(
        BigInteger optimal, BigInteger baseRate, BigInteger s1, BigInteger s2, BigInteger avail, BigInteger debt, BigInteger reserveFactor)
    {
        BigInteger u = debt.IsZero ? 0 : RayDivRef(debt, avail + debt);
        BigInteger variable = u > optimal
            ? baseRate + s1 + RayMulRef(s2, RayDivRef(u - optimal, Ray - optimal))
            : baseRate + RayDivRef(RayMulRef(u, s1), optimal);
        BigInteger debtRay = debt * Gwei;
        BigInteger overall = debt.IsZero ? 0 : RayDivRef(RayMulRef(debtRay, variable), debtRay);
        BigInteger liquidity = RoundHalfUp(RayMulRef(overall, u) * (Bps - reserveFactor), Bps);
        return (liquidity, variable);
    }

    [Fact]
    public void AgreesWithTheSpecFormula_OnAnyStrategyAndState()
    {
        Gen<(BigInteger[] P, BigInteger Avail, BigInteger Debt, int Rf)> gen =
            from optimal in Gen.Choose(1, 1_000).Select(x => Ray * x / 1_000)
            from baseRate in Gen.Choose(0, 200).Select(x => Ray * x / 1_000)
            from s1 in Gen.Choose(0, 500).Select(x => Ray * x / 1_000)
            from s2 in Gen.Choose(0, 5_000).Select(x => Ray * x / 1_000)
            from avail in Gen.Frequency((4, BelowBits(90)), (1, Gen.Constant(BigInteger.Zero)))
            from debt in Gen.Frequency((4, BelowBits(90)), (1, Gen.Constant(BigInteger.Zero)))
            from rf in Gen.Choose(0, 10_000)
            select (new[] { optimal, baseRate, s1, s2 }, avail, debt, rf);

        Property property = Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var strategy = new BendDaoV1InterestRateStrategy(x.P[0], x.P[1], x.P[2], x.P[3]);
            (BigInteger liquidity, BigInteger variable) = Reference(x.P[0], x.P[1], x.P[2], x.P[3], x.Avail, x.Debt, x.Rf);
            BendDaoV1InterestRates rates = strategy.CalculateInterestRates(x.Avail, x.Debt, x.Rf);
            rates.VariableBorrowRate.ShouldBe(variable);
            rates.LiquidityRate.ShouldBe(liquidity);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void Weth_HandValues()
    {
        // No debt: U = 0, borrow rate = base, liquidity rate 0.
        Weth.CalculateInterestRates(100 * Wad, 0, 3_000).ShouldBe(new BendDaoV1InterestRates(0, Ray * 3 / 100));

        // At the kink U = 65 %: 3 % + 8 % = 11 %; liquidity = 11 % × 65 % × (1 − 30 %) = 5.005 %.
        Weth.CalculateInterestRates(35 * Wad, 65 * Wad, 3_000)
            .ShouldBe(new BendDaoV1InterestRates(Ray * 5_005 / 100_000, Ray * 11 / 100));

        // U = 100 %: 3 + 8 + 100 = 111 %; liquidity = 111 % × 70 % = 77.7 %.
        Weth.CalculateInterestRates(0, 100 * Wad, 3_000).ShouldBe(new BendDaoV1InterestRates(Ray * 777 / 1_000, Ray * 111 / 100));

        // A 100 % reserve factor leaves the depositors nothing.
        Weth.CalculateInterestRates(0, 100 * Wad, 10_000).LiquidityRate.ShouldBe(0);
        Weth.GetMaxVariableBorrowRate().ShouldBe(Ray * 111 / 100);
        Weth.ExcessUtilizationRate.ShouldBe(Ray * 35 / 100);
    }

    [Fact]
    public void Constructor_PanicsWhenTheKinkIsAbove100Percent()
    {
        Outcome(() => new BendDaoV1InterestRateStrategy(Ray + 1, 0, 0, 0).ExcessUtilizationRate).Revert.ShouldBe(Panic11);
        new BendDaoV1InterestRateStrategy(Ray, 0, 0, 0).ExcessUtilizationRate.ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => new BendDaoV1InterestRateStrategy(-1, 0, 0, 0));
    }

    [Fact]
    public void Reverts_FollowTheLegacyCodegenOrder()
    {
        // reserveFactor > 10000 underflows 10000 − rf (Panic 0x11).
        Outcome(() => Weth.CalculateInterestRates(Wad, Wad, 10_001).LiquidityRate).Revert.ShouldBe(Panic11);

        // available + debt overflows before rayDiv.
        Outcome(() => Weth.CalculateInterestRates(Max, 1, 0).LiquidityRate).Revert.ShouldBe(Panic11);

        // A zero kink with zero debt: rayDiv(rayMul(0, s1), 0) reverts "202".
        var zeroKink = new BendDaoV1InterestRateStrategy(0, 0, Ray, Ray);
        Outcome(() => zeroKink.CalculateInterestRates(Wad, 0, 0).LiquidityRate).Revert.ShouldBe("202");

        // base + s1 + rayMul(s2, ratio): the right operand (rayMul, "200") is evaluated before base + s1 (Panic 0x11).
        var absurdAbove = new BendDaoV1InterestRateStrategy(Ray / 2, Max, 1, Max);
        Outcome(() => absurdAbove.CalculateInterestRates(0, Wad, 0).LiquidityRate).Revert.ShouldBe("200");
        Outcome(() => new BendDaoV1InterestRateStrategy(Ray / 2, Max, 1, 0).CalculateInterestRates(0, Wad, 0).LiquidityRate)
            .Revert.ShouldBe(Panic11);

        // base + rayDiv(rayMul(U, s1), U*) below the kink: likewise the rayMul "200" comes before the sum's panic.
        var absurdBelow = new BendDaoV1InterestRateStrategy(Ray, Max, Max, 0);
        Outcome(() => absurdBelow.CalculateInterestRates(Wad, Wad, 0).LiquidityRate).Revert.ShouldBe("200");

        // Debt 1e49 with no liquidity: U = 100 %, var = 111 %, then rayMul(wadToRay(debt) = 1e58, 1.11e27) overflows ("200").
        BigInteger bigDebt = BigInteger.Pow(10, 49);
        Outcome(() => Weth.CalculateInterestRates(0, bigDebt, 0).LiquidityRate).Revert.ShouldBe("200");

        // With an also invalid reserve factor, solc's legacy code generator evaluates the percentMul argument
        // (10000 − rf) before its receiver (the overall-rate rayMul), so the underflow panic wins over "200".
        Outcome(() => Weth.CalculateInterestRates(0, bigDebt, 10_001).LiquidityRate).Revert.ShouldBe(Panic11);
    }

    [Fact]
    public void LiquidityAddedAndTaken_AdjustTheAvailableLiquidity()
    {
        Weth.CalculateInterestRates(30 * Wad, 10 * Wad, 5 * Wad, 65 * Wad, 3_000)
            .ShouldBe(Weth.CalculateInterestRates(35 * Wad, 65 * Wad, 3_000));
        Outcome(() => Weth.CalculateInterestRates(1, 0, 2, Wad, 0).LiquidityRate).Revert.ShouldBe(Panic11);
    }
}
