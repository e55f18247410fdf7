using System.Numerics;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.BendDao;
using NftCollateral.Sdk.Lending.NftFi;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>The protocol-neutral loan model and the worked examples of the lending issue.</summary>
public sealed class LoanMathTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BigInteger Wad = Ether;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Worked example 1: a loan at 40% initial LTV that becomes liquidatable at 80% LTV.
    [Theory]
    [InlineData("benddao")]
    [InlineData("aave-v3")]
    public void WorkedExample_FortyPercentLtv_LiquidatesAtEightyPercent(string protocol)
    {
        LoanTerms terms = Terms(protocol, 4 * Ether, aprBps: 0) with { LiquidationThresholdBps = 8000 };

        LoanPosition opening = LoanMath.Evaluate(terms, Start, 10 * Ether);
        LoanPosition atThreshold = LoanMath.Evaluate(terms, Start, 5 * Ether);
        LoanPosition below = LoanMath.Evaluate(terms, Start, 49 * Ether / 10);

        opening.Ltv.ShouldBe(0.4);
        opening.HealthFactor.ShouldBe(2 * Wad);              // 10 * 0.8 / 4
        opening.LiquidationPrice.ShouldBe(5 * Ether);        // 4 / 0.8: the collateral may lose half its value
        opening.Liquidatable.ShouldBeFalse();
        atThreshold.Ltv.ShouldBe(0.8);
        atThreshold.HealthFactor.ShouldBe(Wad);              // exactly at the threshold: not yet liquidatable
        atThreshold.Liquidatable.ShouldBeFalse();
        below.Liquidatable.ShouldBeTrue();                   // 4 / 4.9 = 81.6% > 80%
        below.Status.ShouldBe(LoanStatus.Liquidatable);
    }

    [Fact]
    public void WorkedExample_BendDaoAuctionsOneWeiOverTheThreshold()
    {
        // BendDAO auctions when debt > percentMul(value, LT): at value 5 ETH - 1 wei the threshold price is
        // floor((5e18 - 1) * 8000 + 5000) / 10000) = 4e18 - 1 < debt.
        LoanTerms terms = Terms("benddao", 4 * Ether, aprBps: 0) with { LiquidationThresholdBps = 8000 };
        LoanMath.Evaluate(terms, Start, (5 * Ether) - 1).Liquidatable.ShouldBeTrue();
    }

    // Worked example 2: a 72-hour grace period after a 30-day term.
    [Fact]
    public void WorkedExample_SeventyTwoHourGracePeriod()
    {
        LoanTerms terms = Terms("arcade", 4 * Ether, aprBps: 1500) with { Duration = TimeSpan.FromDays(30), GracePeriod = TimeSpan.FromHours(72) };
        DateTimeOffset maturity = Start.AddDays(30);

        LoanPosition beforeMaturity = LoanMath.Evaluate(terms, maturity.AddSeconds(-1));
        LoanPosition inGrace = LoanMath.Evaluate(terms, maturity.AddHours(71));
        LoanPosition lastGraceSecond = LoanMath.Evaluate(terms, maturity.AddHours(72));
        LoanPosition defaulted = LoanMath.Evaluate(terms, maturity.AddHours(72).AddSeconds(1));

        beforeMaturity.Status.ShouldBe(LoanStatus.Active);
        inGrace.Status.ShouldBe(LoanStatus.InGracePeriod);
        lastGraceSecond.Status.ShouldBe(LoanStatus.InGracePeriod); // the claim needs now > maturity + grace
        defaulted.Status.ShouldBe(LoanStatus.Defaulted);
        defaulted.ClaimableAfter.ShouldBe(maturity.AddHours(72));

        // Arcade stops accruing at maturity: 4 ETH * 1500 bps * 30 days / (10^4 * 365 days), rounded down.
        BigInteger fullTerm = 4 * Ether * 1500 * (30 * 86400) / (10_000 * (BigInteger)(365 * 86400));
        inGrace.Interest.ShouldBe(fullTerm);
        defaulted.Interest.ShouldBe(fullTerm);
    }

    // Worked example 3: a Dutch auction that opens at 100% of the debt.
    [Fact]
    public void WorkedExample_DutchAuctionFromFullDebt()
    {
        BigInteger debt = 5 * Ether;
        DutchAuction auction = DutchAuction.FromDebt(debt, startBps: 10_000, floorBps: 7_000, TimeSpan.FromHours(24));

        auction.PriceAt(TimeSpan.Zero).ShouldBe(debt);
        auction.PriceAt(TimeSpan.FromHours(12)).ShouldBe(425 * Ether / 100);
        auction.PriceAt(TimeSpan.FromHours(24)).ShouldBe(35 * Ether / 10);
        auction.PriceAt(TimeSpan.FromHours(48)).ShouldBe(35 * Ether / 10);

        LiquidationSettlement shortfall = LiquidationSettlement.Settle(auction.PriceAt(TimeSpan.FromHours(12)), debt, penaltyBps: 500);
        shortfall.ToLender.ShouldBe(425 * Ether / 100);
        shortfall.BadDebt.ShouldBe(75 * Ether / 100);
        shortfall.BorrowerSurplus.ShouldBe(BigInteger.Zero);

        LiquidationSettlement surplus = LiquidationSettlement.Settle(55 * Ether / 10, debt, penaltyBps: 500);
        surplus.ToLender.ShouldBe(debt);
        surplus.Penalty.ShouldBe(25 * Ether / 100);         // 5% of the debt
        surplus.BorrowerSurplus.ShouldBe(25 * Ether / 100);  // 5.5 - 5 - 0.25
        surplus.BadDebt.ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void BendDao_DebtIsPrincipalTimesTheProtocolsCompoundedFactor()
    {
        LoanTerms terms = Terms("benddao", 4 * Ether, aprBps: 1500);
        DateTimeOffset asOf = Start.AddDays(365);
        BigInteger rateRay = 1500 * BigInteger.Pow(10, 23);

        LoanPosition position = LoanMath.Evaluate(terms, asOf);

        BigInteger factor = BendDaoV1MathUtils.CalculateCompoundedInterest(rateRay, Start.ToUnixTimeSeconds(), asOf.ToUnixTimeSeconds());
        position.Debt.ShouldBe(BendDaoV1Math.RayMul(4 * Ether, factor));
        // 15% compounded per second for a year is close to e^0.15 - 1 = 16.18%.
        ((double)position.Interest / (double)(4 * Ether)).ShouldBe(Math.Exp(0.15) - 1, 1e-4);
    }

    [Fact]
    public void NftFi_FullTermInterestUsesTheStoredRateWithItsUint16Wrap()
    {
        // 660% over the term: the contract stores uint16(66000) = 464 bps, so full-term interest is 4.64%, not 660%.
        LoanTerms terms = Terms("nftfi", Ether, aprBps: 0) with { Duration = TimeSpan.FromDays(30), MaximumRepayment = 76 * Ether / 10 };

        LoanPosition atMaturity = LoanMath.Evaluate(terms, Start.AddDays(30));

        NftFiV23.CalculateInterestRate(Ether, 76 * Ether / 10).ShouldBe((ushort)464);
        atMaturity.Interest.ShouldBe(Ether * 464 / 10_000);
        LoanMath.Evaluate(terms, Start.AddDays(30).AddSeconds(1)).Status.ShouldBe(LoanStatus.Defaulted);
    }

    [Fact]
    public void PartialRepayment_PaysInterestFirstThenPrincipal()
    {
        LoanTerms terms = Terms("arcade", 10 * Ether, aprBps: 3650) with { Duration = TimeSpan.FromDays(365) };
        DateTimeOffset tenDays = Start.AddDays(10);
        BigInteger interestAtTenDays = 10 * Ether * 3650 * (10 * 86400) / (10_000 * (BigInteger)(365 * 86400)); // 0.1 ETH

        LoanPosition afterInterestOnly = LoanMath.Evaluate(terms, tenDays, repayments: [new Repayment(tenDays, interestAtTenDays)]);
        LoanPosition afterPrincipalToo = LoanMath.Evaluate(terms, tenDays, repayments: [new Repayment(tenDays, interestAtTenDays + (4 * Ether))]);

        interestAtTenDays.ShouldBe(Ether / 10);
        afterInterestOnly.OutstandingPrincipal.ShouldBe(10 * Ether);
        afterInterestOnly.Interest.ShouldBe(BigInteger.Zero);
        afterPrincipalToo.OutstandingPrincipal.ShouldBe(6 * Ether);
        LoanMath.Evaluate(terms, Start.AddDays(20), repayments: [new Repayment(tenDays, interestAtTenDays + (4 * Ether))])
            .Interest.ShouldBe(6 * Ether * 3650 * (10 * 86400) / (10_000 * (BigInteger)(365 * 86400)));
    }

    [Fact]
    public void FullRepayment_ClosesTheLoan()
    {
        LoanTerms terms = Terms("jpegd", 2 * Ether, aprBps: 200);
        DateTimeOffset paidAt = Start.AddDays(100);
        BigInteger debt = LoanMath.Evaluate(terms, paidAt).Debt;

        LoanPosition closed = LoanMath.Evaluate(terms, paidAt.AddDays(30), 3 * Ether, [new Repayment(paidAt, debt)]);

        closed.Status.ShouldBe(LoanStatus.Repaid);
        closed.Debt.ShouldBe(BigInteger.Zero);
        closed.HealthFactor.ShouldBeNull();
    }

    [Fact]
    public void BadArguments_AreRejectedNotClamped()
    {
        LoanTerms nftfi = Terms("nftfi", Ether, 1000) with { Duration = TimeSpan.FromDays(30) };
        LoanTerms arcade = Terms("arcade", Ether, 1000) with { Duration = TimeSpan.FromDays(30) };

        Should.Throw<ArgumentException>(() => LoanMath.Evaluate(nftfi, Start.AddDays(-1)));
        Should.Throw<ArgumentException>(() => LoanMath.Evaluate(nftfi, Start.AddDays(10), repayments: [new Repayment(Start.AddDays(5), Ether / 2)]))
            .Message.ShouldContain("in full only");
        Should.Throw<ArgumentException>(() => LoanMath.Evaluate(arcade, Start.AddDays(10), repayments: [new Repayment(Start.AddDays(5), 2 * Ether)]))
            .Message.ShouldContain("exceeds the debt");
        Should.Throw<ArgumentException>(() => LoanMath.Evaluate(Terms("arcade", Ether, 1000), Start));
        Should.Throw<ArgumentException>(() => LoanMath.Evaluate(Terms("benddao", BigInteger.Zero, 1000), Start));
        Should.Throw<ArgumentOutOfRangeException>(() => LoanMath.Evaluate(Terms("benddao", Ether, -1), Start));
    }

    [Fact]
    public void ProtocolRevert_PropagatesAsTypedError()
    {
        // A principal near 2^256 overflows the contract's rayMul: the SDK reports the revert instead of a number.
        LoanTerms terms = Terms("benddao", UInt256.MaxValue / 2, aprBps: 1000);
        Should.Throw<ProtocolRevertException>(() => LoanMath.Evaluate(terms, Start.AddDays(1))).RevertReason.ShouldBe("200");
    }

    [Fact]
    public void ProtocolProfiles_AreFoundByIdAndOverridable()
    {
        ProtocolProfiles.All.Select(p => p.Id).ShouldBe(["benddao", "aave-v3", "jpegd", "nftfi", "arcade", "blend"]);
        ProtocolProfiles.TryGet("BendDAO", out ProtocolProfile? bend).ShouldBeTrue();
        bend!.LiquidationThresholdBps.ShouldBe(9000);
        (bend with { LiquidationThresholdBps = 7000 }).LiquidationThresholdBps.ShouldBe(7000);
        ProtocolProfiles.TryGet("nope", out _).ShouldBeFalse();
        ProtocolProfiles.Arcade.GracePeriod.ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("4", "4000000000000000000")]
    [InlineData("0.25", "250000000000000000")]
    [InlineData("1.000000000000000001", "1000000000000000001")]
    [InlineData(".5", "500000000000000000")]
    public void EtherUnits_ParseAndFormatRoundTrip(string ether, string wei)
    {
        EtherUnits.ParseEther(ether).ShouldBe(BigInteger.Parse(wei));
        EtherUnits.ParseEther(EtherUnits.FormatEther(BigInteger.Parse(wei))).ShouldBe(BigInteger.Parse(wei));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.0000000000000000001")]
    [InlineData("1e18")]
    [InlineData("1.2.3")]
    public void EtherUnits_RejectsBadText(string text) => EtherUnits.TryParseEther(text, out _).ShouldBeFalse();

    private static LoanTerms Terms(string protocol, BigInteger principal, int aprBps)
    {
        ProtocolProfiles.TryGet(protocol, out ProtocolProfile? profile).ShouldBeTrue();
        return new LoanTerms { Protocol = profile!, Principal = principal, AprBps = aprBps, Start = Start };
    }
}
