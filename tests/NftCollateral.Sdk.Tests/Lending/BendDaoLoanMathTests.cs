using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.BendDao;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// BendDAO v1 GenericLogic / LiquidateLogic / ValidationLogic arithmetic (shared/specs/lending.md §2.2–2.3): hand-worked
/// examples, the spec's off-by-one and rounding traps, the revert kinds, and the composite against the spec formulas.
/// </summary>
public sealed class BendDaoLoanMathTests
{
    private static readonly BigInteger Eth = Wad;

    // 1 USDT = 0.00052 ETH.
    private static readonly BigInteger UsdtPrice = BigInteger.Parse("520000000000000");

    private static BendDaoV1LoanInputs Inputs(BigInteger nftPrice, BigInteger debt) => new()
    {
        NftPriceInEth = nftPrice,
        ReservePriceInEth = Eth,
        ReserveDecimals = 18,
        BorrowAmount = debt,
        Ltv = 4_000,
        LiquidationThreshold = 9_000,
        LiquidationBonus = 10_000,
        RedeemFine = 500,
        RedeemThreshold = 5_000,
        MinBidFine = 2_000,
        NewBorrow = 0,
    };

    [Fact]
    public void HealthFactor_OneWeiOverThreshold_StillReadsOne_ButTheAuctionCanStart()
    {
        // §2.3 / §11.5: wadDiv rounds half up, so HF stays at 1e18 while debt > thresholdPrice already holds.
        BigInteger collateral = 100 * Eth;
        BigInteger debt = (90 * Eth) + 1;
        BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(collateral, debt, 9_000).ShouldBe(Wad);
        BendDaoV1LiquidatePrice prices = BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(debt, collateral, Eth, 18, 9_000, 10_000);
        prices.ThresholdPrice.ShouldBe(90 * Eth);
        BendDaoV1LoanMath.IsAuctionable(debt, prices.ThresholdPrice).ShouldBeTrue();
        BendDaoV1LoanMath.IsAuctionable(90 * Eth, prices.ThresholdPrice).ShouldBeFalse(); // exactly at the threshold: strict
    }

    [Fact]
    public void HealthFactor_ZeroDebtIsMax_ZeroCollateralIsZero()
    {
        BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(0, 0, 9_000).ShouldBe(Max);
        BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(0, 1, 9_000).ShouldBe(0);
        Outcome(() => BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(Max, 1, 9_000)).Revert.ShouldBe("200");
    }

    [Fact]
    public void BorrowCheck_PercentDivOfDebt_RoundsDifferentlyFromAvailableBorrows()
    {
        // §2.2: availableBorrows = percentMul(1, 5000) = 1 (0.5 rounds up), yet borrowing that 1 needs
        // percentDiv(1, 5000) = ⌊(10000 + 2500)/5000⌋ = 2 > 1 of collateral, so validateBorrow refuses it.
        BendDaoV1GenericLogic.CalculateAvailableBorrows(1, 0, 5_000).ShouldBe(1);
        BendDaoV1LoanMath.CalculateAmountOfCollateralNeeded(0, 1, 5_000).ShouldBe(2);
    }

    [Fact]
    public void CollateralNeeded_Reverts()
    {
        Outcome(() => BendDaoV1LoanMath.CalculateAmountOfCollateralNeeded(1, 1, 0)).Revert.ShouldBe("202");
        Outcome(() => BendDaoV1LoanMath.CalculateAmountOfCollateralNeeded(Max, 1, 0)).Revert.ShouldBe(Panic11); // the sum comes first
        Outcome(() => BendDaoV1LoanMath.CalculateAmountOfCollateralNeeded(Max / 2, 0, 4_000)).Revert.ShouldBe("200");
    }

    [Fact]
    public void LiquidatePrice_DiscountOrDebt()
    {
        // bonus 5 %: 95 % of 50 ETH = 47.5 ETH, above the 41 ETH debt.
        BendDaoV1LiquidatePrice discounted = BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(41 * Eth, 50 * Eth, Eth, 18, 8_000, 500);
        discounted.LiquidatePrice.ShouldBe(Eth * 475 / 10);
        discounted.ThresholdPrice.ShouldBe(40 * Eth);

        // bonus 10000 disables the discount price: 0, raised to the debt.
        BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(41 * Eth, 50 * Eth, Eth, 18, 8_000, 10_000).LiquidatePrice.ShouldBe(41 * Eth);

        // a bonus above 10000 is not subtracted (no underflow): same as 10000.
        BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(41 * Eth, 50 * Eth, Eth, 18, 8_000, 20_000).LiquidatePrice.ShouldBe(41 * Eth);

        // the discounted value below the debt is raised to the debt.
        BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(48 * Eth, 50 * Eth, Eth, 18, 8_000, 500).LiquidatePrice.ShouldBe(48 * Eth);
    }

    [Fact]
    public void UsdtReserve_ConvertsWithTheReserveDecimals()
    {
        // 80 ETH in USDT (6 decimals) at 0.00052 ETH/USDT: ⌊80e18 · 1e6 / 5.2e14⌋ = 153 846 153 846.
        BendDaoV1GenericLogic.CalculateNftPriceInReserve(80 * Eth, UsdtPrice, 6).ShouldBe(153_846_153_846);

        // bid fines: 1 ETH = ⌊1e18 · 1e6 / 5.2e14⌋ = 1 923 076 923 units; 20 % of it is 384 615 384.6 → 384 615 385.
        BendDaoV1BidFine fine = BendDaoV1GenericLogic.CalculateLoanBidFine(1_000_000, UsdtPrice, 6, 500, 2_000);
        fine.BaseBidFineInReserve.ShouldBe(1_923_076_923);
        fine.MinBidFineInReserve.ShouldBe(384_615_385);
        fine.BidFineInReserve.ShouldBe(384_615_385); // 5 % of 1 USDT is far below the minimum

        // a large debt makes the 5 % redeem fine the larger one: 5 % of 140 000 USDT.
        BendDaoV1GenericLogic.CalculateLoanBidFine(140_000_000_000, UsdtPrice, 6, 500, 2_000).BidFineInReserve.ShouldBe(7_000_000_000);
    }

    [Fact]
    public void ReserveConversion_Reverts()
    {
        Outcome(() => BendDaoV1GenericLogic.CalculateNftPriceInReserve(Eth, 0, 18)).Revert.ShouldBe(Panic12);
        Outcome(() => BendDaoV1GenericLogic.CalculateNftPriceInReserve(1, 1, 78)).Revert.ShouldBe(Panic11); // 10**78 > MAX
        BendDaoV1GenericLogic.CalculateNftPriceInReserve(1, 1, 77).ShouldBe(BigInteger.Pow(10, 77));
        Outcome(() => BendDaoV1GenericLogic.CalculateNftPriceInReserve(Max, 0, 1)).Revert.ShouldBe(Panic11); // the product overflows before the division
        Outcome(() => BendDaoV1GenericLogic.CalculateLoanBidFine(1, 1, 60, 0, 0).BaseBidFineInReserve).Revert.ShouldBe(Panic11); // 1e18 · 1e60 > MAX
        BendDaoV1GenericLogic.CalculateLoanBidFine(1, 1, 59, 0, 0).BaseBidFineInReserve.ShouldBe(BigInteger.Pow(10, 77));
    }

    [Fact]
    public void AuctionAndRedeemBounds()
    {
        BendDaoV1LoanMath.CalculateMinBidDelta(45 * Eth).ShouldBe(Eth * 45 / 100);
        BendDaoV1LoanMath.CalculateMinBidDelta(50).ShouldBe(1); // 0.5 rounds up

        BendDaoV1RedeemBounds bounds = BendDaoV1LoanMath.CalculateRedeemBounds(45 * Eth, 5_000);
        bounds.MinRepayAmount.ShouldBe(Eth * 45 / 2);
        bounds.MaxRepayAmount.ShouldBe(Eth * 405 / 10);
    }

    [Fact]
    public void AuctionEnd_AddsThePauseOnlyWhenItStartedAfterTheFirstBid()
    {
        BigInteger bid = 1_700_000_000;
        BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp(bid, 4, 4, 0, 0)
            .ShouldBe(new BendDaoV1AuctionEnd(bid + (4 * 3600), bid + (4 * 3600)));
        BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp(bid, 24, 4, bid + 100, 7_200)
            .ShouldBe(new BendDaoV1AuctionEnd(bid + 7_200 + (24 * 3600), bid + 7_200 + (4 * 3600)));
        BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp(bid, 24, 4, bid, 7_200).AuctionEndTimestamp
            .ShouldBe(bid + 7_200 + (24 * 3600)); // paused at the bid's own second: bidStart <= pauseStart
        BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp(bid, 24, 4, bid - 1, 7_200).AuctionEndTimestamp
            .ShouldBe(bid + (24 * 3600)); // paused before the bid: no extension
        Outcome(() => BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp(Max, 1, 1, 0, 0).AuctionEndTimestamp).Revert.ShouldBe(Panic11);
    }

    [Fact]
    public void Composite_HandExample_AtTheThreshold()
    {
        // 50 ETH NFT, 45 ETH debt, LT 90 %: exactly at the threshold, so not liquidatable (needs debt > threshold).
        BendDaoV1LoanFigures f = BendDaoV1LoanMath.Calculate(Inputs(50 * Eth, 45 * Eth) with { NewBorrow = 0 });
        f.TotalCollateralInReserve.ShouldBe(50 * Eth);
        f.HealthFactor.ShouldBe(Wad);
        f.AvailableBorrows.ShouldBe(0); // 40 % of 50 = 20 < 45
        f.ThresholdPrice.ShouldBe(45 * Eth);
        f.Liquidatable.ShouldBeFalse();
        f.LiquidatePrice.ShouldBe(45 * Eth);
        f.MinBidPrice.ShouldBe(45 * Eth);
        f.BidFineInReserve.ShouldBe(Eth * 225 / 100); // 5 % of 45 = 2.25 ETH > 0.2 ETH
        f.AmountOfCollateralNeeded.ShouldBe(Eth * 1125 / 10); // 45 / 40 %
    }

    [Fact]
    public void Composite_OneWeiOverTheThreshold_IsLiquidatableWhileHealthFactorReadsOne()
    {
        BendDaoV1LoanFigures f = BendDaoV1LoanMath.Calculate(Inputs(100 * Eth, (90 * Eth) + 1));
        f.ThresholdPrice.ShouldBe(90 * Eth);
        f.HealthFactor.ShouldBe(Wad);
        f.Liquidatable.ShouldBeTrue();
        f.MinBidPrice.ShouldBe((90 * Eth) + 1);
    }

    [Fact]
    public void Composite_AgreesWithTheSpecFormulas()
    {
        Gen<BendDaoV1LoanInputs> inputs =
            from nft in BelowBits(72)
            from debt in BelowBits(72)
            from usdt in Gen.Elements(false, true)
            from ltv in Gen.Choose(1, 9_000)
            from lt in Gen.Choose(0, 10_000)
            from bonus in Gen.Choose(0, 12_000)
            from redeemFine in Gen.Choose(0, 2_000)
            from redeemThreshold in Gen.Choose(0, 10_000)
            from minBidFine in Gen.Choose(0, 5_000)
            from newBorrow in BelowBits(72)
            select new BendDaoV1LoanInputs
            {
                NftPriceInEth = nft,
                ReservePriceInEth = usdt ? UsdtPrice : Eth,
                ReserveDecimals = usdt ? 6 : 18,
                BorrowAmount = debt,
                Ltv = ltv,
                LiquidationThreshold = lt,
                LiquidationBonus = bonus,
                RedeemFine = redeemFine,
                RedeemThreshold = redeemThreshold,
                MinBidFine = minBidFine,
                NewBorrow = newBorrow,
            };

        Property property = Prop.ForAll(inputs.ToArbitrary(), i =>
        {
            BigInteger unit = BigInteger.Pow(10, (int)i.ReserveDecimals);
            BigInteger collateral = i.NftPriceInEth * unit / i.ReservePriceInEth;
            BigInteger debt = i.BorrowAmount;
            BigInteger threshold = RoundHalfUp(collateral * i.LiquidationThreshold, Bps);
            BigInteger discounted = i.LiquidationBonus < Bps ? RoundHalfUp(collateral * (Bps - i.LiquidationBonus), Bps) : 0;
            BigInteger liquidate = BigInteger.Max(discounted, debt);
            BigInteger oneEth = Wad * unit / i.ReservePriceInEth;
            BigInteger minFine = RoundHalfUp(oneEth * i.MinBidFine, Bps);

            BendDaoV1LoanFigures f = BendDaoV1LoanMath.Calculate(i);
            f.TotalCollateralInReserve.ShouldBe(collateral);
            f.HealthFactor.ShouldBe(debt.IsZero ? Max : RoundHalfUp(threshold * Wad, debt));
            f.AvailableBorrows.ShouldBe(BigInteger.Max(0, RoundHalfUp(collateral * i.Ltv, Bps) - debt));
            f.ThresholdPrice.ShouldBe(threshold);
            f.LiquidatePrice.ShouldBe(liquidate);
            f.Liquidatable.ShouldBe(debt > threshold);
            f.MinBidPrice.ShouldBe(liquidate);
            f.MinBidDelta.ShouldBe(RoundHalfUp(debt * 100, Bps));
            f.BaseBidFineInReserve.ShouldBe(oneEth);
            f.MinBidFineInReserve.ShouldBe(minFine);
            f.BidFineInReserve.ShouldBe(BigInteger.Max(RoundHalfUp(debt * i.RedeemFine, Bps), minFine));
            f.RedeemMinRepay.ShouldBe(RoundHalfUp(debt * i.RedeemThreshold, Bps));
            f.RedeemMaxRepay.ShouldBe(RoundHalfUp(debt * 9_000, Bps));
            f.AmountOfCollateralNeeded.ShouldBe(RoundHalfUp((debt + i.NewBorrow) * Bps, i.Ltv));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void Composite_FirstRevertWins()
    {
        // Reserve price 0: the collateral conversion divides by zero before anything else.
        Outcome(() => BendDaoV1LoanMath.Calculate(Inputs(Eth, Eth) with { ReservePriceInEth = 0, Ltv = 0 }).HealthFactor).Revert.ShouldBe(Panic12);

        // ltv 0 only fails at the last step, the collateral check.
        Outcome(() => BendDaoV1LoanMath.Calculate(Inputs(Eth, Eth) with { Ltv = 0 }).HealthFactor).Revert.ShouldBe("202");

        Should.Throw<ArgumentOutOfRangeException>(() => BendDaoV1LoanMath.Calculate(Inputs(-1, Eth)));
        Should.Throw<ArgumentNullException>(() => BendDaoV1LoanMath.Calculate(null!));
    }
}
