using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// BendDAO v1 and Aave v3 MathUtils (shared/specs/lending.md §2.5, §9) against the spec's formulas written out here:
/// the two different binomial borrow indexes, the linear index, the Δt ≤ 2 and Δt = 0 cases, and the reverts.
/// </summary>
public sealed class FixedPointInterestTests
{
    private const int Year = 31_536_000;
    private static readonly BigInteger T0 = 1_700_000_000;

    /// <summary>§2.5: rps = ⌊rate/Y⌋, b2 = rayMul(rps, rps), b3 = rayMul(b2, rps).</summary>
    private static BigInteger BendCompounded(BigInteger rate, BigInteger dt)
    {
        if (dt.IsZero)
        {
            return Ray;
        }

        BigInteger rps = rate / Year;
        BigInteger b2 = RoundHalfUp(rps * rps, Ray);
        BigInteger b3 = RoundHalfUp(b2 * rps, Ray);
        BigInteger dtMinusTwo = dt > 2 ? dt - 2 : 0;
        return Ray + (rps * dt) + (dt * (dt - 1) * b2 / 2) + (dt * (dt - 1) * dtMinusTwo * b3 / 6);
    }

    /// <summary>§9: b2 = ⌊rayMul(r, r)/Y²⌋, b3 = ⌊rayMul(b2, r)/Y⌋, first term ⌊r·Δ/Y⌋.</summary>
    private static BigInteger AaveCompounded(BigInteger rate, BigInteger dt)
    {
        if (dt.IsZero)
        {
            return Ray;
        }

        BigInteger b2 = RoundHalfUp(rate * rate, Ray) / ((BigInteger)Year * Year);
        BigInteger b3 = RoundHalfUp(b2 * rate, Ray) / Year;
        BigInteger dtMinusTwo = dt > 2 ? dt - 2 : 0;
        return Ray + (rate * dt / Year) + (dt * (dt - 1) * b2 / 2) + (dt * (dt - 1) * dtMinusTwo * b3 / 6);
    }

    private static Gen<(BigInteger Rate, BigInteger Dt)> RateAndTime { get; } =
        from rate in Gen.Frequency(
            (3, BelowBits(100)), // up to ~1.27e30 = 1267 RAY: 126 700 % a year
            (1, Gen.Elements(BigInteger.Zero, Ray / 100, Ray * 11 / 100, Ray, Ray * 3)))
        from dt in Gen.Frequency(
            (3, BelowBits(32)), // up to ~136 years
            (1, Gen.Elements(BigInteger.Zero, BigInteger.One, new BigInteger(2), new BigInteger(3), new BigInteger(Year))))
        select (rate, dt);

    [Fact]
    public void BendDaoV1Compounded_AgreesWithTheSpecFormula()
    {
        Property property = Prop.ForAll(RateAndTime.ToArbitrary(), x =>
        {
            BendDaoV1MathUtils.CalculateCompoundedInterest(x.Rate, T0, T0 + x.Dt).ShouldBe(BendCompounded(x.Rate, x.Dt));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void AaveV3Compounded_AgreesWithTheSpecFormula()
    {
        Property property = Prop.ForAll(RateAndTime.ToArbitrary(), x =>
        {
            AaveV3MathUtils.CalculateCompoundedInterest(x.Rate, T0, T0 + x.Dt).ShouldBe(AaveCompounded(x.Rate, x.Dt));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void LinearInterest_AgreesWithTheSpecFormula_ForBothProtocols()
    {
        Property property = Prop.ForAll(RateAndTime.ToArbitrary(), x =>
        {
            BigInteger expected = Ray + (x.Rate * x.Dt / Year);
            BendDaoV1MathUtils.CalculateLinearInterest(x.Rate, T0, T0 + x.Dt).ShouldBe(expected);
            BendDaoV1MathUtils.CalculateLinearInterest(x.Rate, x.Dt).ShouldBe(expected);
            AaveV3MathUtils.CalculateLinearInterest(x.Rate, T0, T0 + x.Dt).ShouldBe(expected);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    /// <summary>§2.5: "At 11 % over 5 years Bend v1 gives 1.728692763977343213793e27, while Aave v3 gives …964911722746640000".</summary>
    [Fact]
    public void ElevenPercentOverFiveYears_SpecValues()
    {
        BigInteger rate = Ray * 11 / 100;
        BigInteger end = T0 + (5 * (BigInteger)Year);
        BendDaoV1MathUtils.CalculateCompoundedInterest(rate, T0, end).ToString().ShouldBe("1728692763977343213793000000");
        string aave = AaveV3MathUtils.CalculateCompoundedInterest(rate, T0, end).ToString();
        aave.ShouldEndWith("964911722746640000");
        aave.ShouldStartWith("1728692763");
        aave.Length.ShouldBe(28);
    }

    [Fact]
    public void ZeroElapsed_ReturnsOneRay_AndOneSecondIsLinear()
    {
        BigInteger rate = Ray * 2;
        BendDaoV1MathUtils.CalculateCompoundedInterest(rate, T0, T0).ShouldBe(Ray);
        AaveV3MathUtils.CalculateCompoundedInterest(rate, T0, T0).ShouldBe(Ray);

        // Δt = 1: both higher-order terms vanish (Δt − 1 = 0).
        BendDaoV1MathUtils.CalculateCompoundedInterest(rate, T0, T0 + 1).ShouldBe(Ray + (rate / Year));
        AaveV3MathUtils.CalculateCompoundedInterest(rate, T0, T0 + 1).ShouldBe(Ray + (rate / Year));
    }

    [Fact]
    public void CurrentBeforeLastUpdate_PanicsOnUnderflow()
    {
        Outcome(() => BendDaoV1MathUtils.CalculateCompoundedInterest(Ray, T0, T0 - 1)).Revert.ShouldBe(Panic11);
        Outcome(() => AaveV3MathUtils.CalculateCompoundedInterest(Ray, T0, T0 - 1)).Revert.ShouldBe(Panic11);
        Outcome(() => BendDaoV1MathUtils.CalculateLinearInterest(Ray, T0, T0 - 1)).Revert.ShouldBe(Panic11);
        Outcome(() => AaveV3MathUtils.CalculateLinearInterest(Ray, T0, T0 - 1)).Revert.ShouldBe(Panic11);
    }

    [Fact]
    public void HugeRate_RevertsWithEachProtocolsReason()
    {
        // rayMul(r, r) overflows once r² + RAY/2 > MAX: BendDAO squares r/Y, Aave v3 squares r itself.
        BigInteger rate = BigInteger.Pow(2, 200);
        Outcome(() => AaveV3MathUtils.CalculateCompoundedInterest(rate, T0, T0 + 2)).Revert.ShouldBe(NoData);
        Outcome(() => BendDaoV1MathUtils.CalculateCompoundedInterest(rate * Year * Year, T0, T0 + 2)).Revert.ShouldBe("200");

        // rate·Δt overflows in the linear index.
        Outcome(() => BendDaoV1MathUtils.CalculateLinearInterest(Max, 2)).Revert.ShouldBe(Panic11);
        Outcome(() => AaveV3MathUtils.CalculateLinearInterest(Max, T0, T0 + 2)).Revert.ShouldBe(Panic11);
    }

    [Fact]
    public void LastUpdateTimestamp_MustFitUInt40()
    {
        BigInteger tooLate = BigInteger.Pow(2, 40);
        Should.Throw<ArgumentOutOfRangeException>(() => BendDaoV1MathUtils.CalculateCompoundedInterest(Ray, tooLate, tooLate))
            .ParamName.ShouldBe("lastUpdateTimestamp");
        Should.Throw<ArgumentOutOfRangeException>(() => AaveV3MathUtils.CalculateLinearInterest(Ray, -1, T0));
        BendDaoV1MathUtils.CalculateCompoundedInterest(Ray, tooLate - 1, tooLate - 1).ShouldBe(Ray);
    }
}
