using System.Numerics;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.JpegD;

namespace NftCollateral.Sdk.Tests.Lending;

public sealed class JpegDVaultLimitsTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    // PIP-58 Punks/BAYC vault: base 60% credit, 70% liquidation; boosts up to +10%: caps 70% / 80%.
    private static readonly JpegDVaultLimits Pip58 = new(
        new Rate(60, 100), new Rate(70, 100), new Rate(5, 100), new Rate(10, 100), new Rate(70, 100), new Rate(80, 100));

    [Fact]
    public void Limits_BaseRates_OnFloorValue()
    {
        JpegDPositionLimits limits = JpegDVaultMath.Limits(Pip58, 50 * Ether, cigStaked: false, ltvBoostLockActive: false);

        limits.CreditLimit.ShouldBe(30 * Ether);       // 60% of 50
        limits.LiquidationLimit.ShouldBe(35 * Ether);  // 70% of 50
    }

    [Fact]
    public void Limits_CigAndLtvBoost_AreSummedAsUnreducedFractionsThenCapped()
    {
        JpegDPositionLimits cig = JpegDVaultMath.Limits(Pip58, 50 * Ether, cigStaked: true, ltvBoostLockActive: false);
        JpegDPositionLimits both = JpegDVaultMath.Limits(Pip58, 50 * Ether, cigStaked: true, ltvBoostLockActive: true);

        // 60/100 + 5/100 = (60*100 + 100*5) / (100*100) = 6500/10000: 65% of 50 = 32.5
        cig.CreditLimitRate.ShouldBe(new Rate(6500, 10000));
        cig.CreditLimit.ShouldBe(325 * Ether / 10);
        // 60 + 5 + 10 = 75% > cap 70%: the cap applies (the cap's own fraction, 70/100)
        both.CreditLimitRate.ShouldBe(new Rate(70, 100));
        both.CreditLimit.ShouldBe(35 * Ether);
        both.LiquidationLimit.ShouldBe(40 * Ether);    // 70 + 15 = 85% capped at 80%
    }

    [Fact]
    public void Value_TraitBoostOnlyWhileLockActive()
    {
        Rate alien = new(25, 1);
        JpegDVaultMath.NftValueEth(60 * Ether, alien, traitBoostLockActive: true).ShouldBe(1500 * Ether);
        JpegDVaultMath.NftValueEth(60 * Ether, alien, traitBoostLockActive: false).ShouldBe(60 * Ether);
        JpegDVaultMath.NftValueEth(60 * Ether, null, traitBoostLockActive: true).ShouldBe(60 * Ether);
    }

    [Fact]
    public void Limits_UsdVault_ConvertsWithEthUsdEighteenDecimals()
    {
        JpegDPositionLimits usd = JpegDVaultMath.Limits(Pip58, 10 * Ether, false, false, ethUsd: 2500 * Ether);
        usd.CreditLimit.ShouldBe(15_000 * Ether);      // 6 ETH * 2500
    }

    [Fact]
    public void Liquidation_IsNonStrict()
    {
        JpegDVaultMath.IsLiquidatable(35 * Ether, 35 * Ether).ShouldBeTrue();
        JpegDVaultMath.IsLiquidatable((35 * Ether) - 1, 35 * Ether).ShouldBeFalse();
    }

    [Fact]
    public void BorrowFee_OrganizationFeePlusOptionalInsurance()
    {
        JpegDVaultMath.BorrowFee(10 * Ether, new Rate(5, 1000), new Rate(1, 100), insured: false).ShouldBe(5 * Ether / 100);
        JpegDVaultMath.BorrowFee(10 * Ether, new Rate(5, 1000), new Rate(1, 100), insured: true).ShouldBe(15 * Ether / 100);
        JpegDVaultMath.BorrowFee(7, new Rate(5, 1000), new Rate(1, 100), insured: true).ShouldBe(BigInteger.Zero); // floors
    }

    [Fact]
    public void ZeroDenominator_Reverts()
    {
        Should.Throw<ProtocolRevertException>(() => JpegDVaultMath.NftValueEth(Ether, new Rate(1, 0), true)).RevertReason.ShouldBe("Panic(0x12)");
    }
}
