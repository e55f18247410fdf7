using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.NftFi;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>NFTfi V1 and V2.3 interest, rate derivation and fees, checked against the spec's formulas written independently here.</summary>
public sealed class NftFiMathTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    private static readonly BigInteger UInt256Max = (BigInteger.One << 256) - 1;

    [Fact]
    public void V1_AnyLoan_MatchesTwoTruncationFormulaCappedAtMaxRepayment()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Loans().ToArbitrary(), l =>
        {
            BigInteger uncapped = (l.P * l.Rate / 10_000) * l.Elapsed / l.Duration;
            BigInteger expected = BigInteger.Min(uncapped, l.M - l.P);
            NftFiV1.ComputeInterestDue(l.P, l.M, l.Elapsed, l.Duration, l.Rate).ShouldBe(expected);
        }));
    }

    [Fact]
    public void V23_AnyLoan_MatchesSingleTruncationFormulaCappedAtMaxRepayment()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Loans().ToArbitrary(), l =>
        {
            BigInteger uncapped = l.P * l.Rate * l.Elapsed / l.Duration / 10_000;
            BigInteger expected = BigInteger.Min(uncapped, l.M - l.P);
            NftFiV23.ComputeInterestDue(l.P, l.M, l.Elapsed, l.Duration, l.Rate).ShouldBe(expected);
        }));
    }

    [Fact]
    public void V1AndV23_TruncateInDifferentOrders()
    {
        // P = 1, M = 2, r = 50 %, t = 2D: V1 floors P·r/1e4 to 0 first; V2.3 floors once: ⌊1·5000·2/1⌋/1e4 = 1.
        NftFiV1.ComputeInterestDue(1, 2, 2, 1, 5000).ShouldBe(BigInteger.Zero);
        NftFiV23.ComputeInterestDue(1, 2, 2, 1, 5000).ShouldBe(BigInteger.One);
    }

    [Fact]
    public void V23_InterestRate_AnyOffer_IsTheQuotientModulo65536()
    {
        Gen<(BigInteger P, BigInteger M)> offers =
            from p in UInt(120).Where(p => !p.IsZero)
            from extra in UInt(130)
            select (p, p + extra);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(offers.ToArbitrary(), o =>
        {
            BigInteger quotient = (o.M - o.P) * 10_000 / o.P;
            ((BigInteger)NftFiV23.CalculateInterestRate(o.P, o.M)).ShouldBe(quotient % 65_536);
        }));
    }

    [Fact]
    public void V23_InterestRate_WrapsSilentlyAboveUInt16()
    {
        NftFiV23.CalculateInterestRate(Eth, 7 * Eth).ShouldBe((ushort)60_000); // 600 % still fits
        NftFiV23.CalculateInterestRate(Eth, 76 * Eth / 10).ShouldBe((ushort)464); // 660 % = 66000 bps wraps to 464
        NftFiV23.CalculateInterestRate(Eth, 7_553_600_000_000_000_000).ShouldBe((ushort)0); // 655.36 % wraps to 0
    }

    [Fact]
    public void V23_TruncatedRate_CanLeaveFullTermInterestBelowMaxRepaymentMinusPrincipal()
    {
        ushort rate = NftFiV23.CalculateInterestRate(3, 4);
        rate.ShouldBe((ushort)3333);
        NftFiV23.ComputeInterestDue(3, 4, 86_400, 86_400, rate).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void V23_Reverts_ArePanics()
    {
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeInterestDue(Eth, 2 * Eth, 10, 0, 1000)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeInterestDue(2 * Eth, Eth, 10, 100, 1000)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeInterestDue(UInt256Max, UInt256Max, 1, 1, 2)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeInterestDue(UInt256Max / 2, UInt256Max, 3, 1, 1)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.CalculateInterestRate(0, Eth)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.CalculateInterestRate(2 * Eth, Eth)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeAdminFee(UInt256Max, 2)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void V23_OverflowTakesPrecedenceOverZeroDuration()
    {
        // P·r·t is evaluated (and overflows) before the division by D.
        BlendSignedWadMathTests.RevertOf(() => NftFiV23.ComputeInterestDue(UInt256Max, UInt256Max, 1, 0, 2)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void V1_Reverts_HaveNoData_BecauseItsSafeMathHasNoReasonStrings()
    {
        BlendSignedWadMathTests.RevertOf(() => NftFiV1.ComputeInterestDue(Eth, 2 * Eth, 10, 0, 1000)).ShouldBe("revert (no data)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV1.ComputeInterestDue(2 * Eth, Eth, 10, 100, 1000)).ShouldBe("revert (no data)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV1.ComputeInterestDue(UInt256Max, UInt256Max, 1, 1, 2)).ShouldBe("revert (no data)");
        BlendSignedWadMathTests.RevertOf(() => NftFiV1.ComputeAdminFee(UInt256Max, 2)).ShouldBe("revert (no data)");
    }

    [Fact]
    public void AdminFees_AnyInterest_AreFlooredBasisPoints()
    {
        Gen<(BigInteger Interest, BigInteger Fee)> inputs =
            from interest in UInt(200)
            from fee in UInt(14)
            select (interest, fee);
        Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            BigInteger expected = c.Interest * c.Fee / 10_000;
            NftFiV23.ComputeAdminFee(c.Interest, c.Fee).ShouldBe(expected);
            NftFiV1.ComputeAdminFee(c.Interest, c.Fee).ShouldBe(expected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void V23_PayoffAndFee_SettlesPrincipalPlusInterestMinusFee()
    {
        // 10 ETH at a stored 1000 bps, half the term: interest 0.5 ETH, 5 % fee 0.025 ETH, lender gets 10.475 ETH.
        NftFiSettlement settlement = NftFiV23.PayoffAndFee(10 * Eth, 11 * Eth, 1_296_000, 2_592_000, 1000, NftFiV23.DefaultAdminFeeBps);
        settlement.InterestDue.ShouldBe(Eth / 2);
        settlement.AdminFee.ShouldBe(Eth / 40);
        settlement.PayoffToLender.ShouldBe((10 * Eth) + (Eth / 2) - (Eth / 40));
    }

    [Fact]
    public void V1_PayoffAmount_FixedLoansAlwaysPayMaxRepayment()
    {
        NftFiV1.PayoffAmount(10 * Eth, 11 * Eth, 0, 2_592_000, 1000, interestIsProRated: false).ShouldBe(11 * Eth);
        NftFiV1.PayoffAmount(10 * Eth, 11 * Eth, 1_296_000, 2_592_000, 1000, interestIsProRated: true).ShouldBe((10 * Eth) + (Eth / 2));
    }

    [Fact]
    public void Inputs_OutsideUInt256_AreRejectedAsCallerErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => NftFiV1.ComputeInterestDue(-1, 1, 1, 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => NftFiV23.ComputeInterestDue(1, 1, 1, 1, UInt256Max + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => NftFiV23.CalculateInterestRate(1, -1));
    }

    /// <summary>Loans with M ≥ P, D &gt; 0 and products that fit in uint256, elapsed time on both sides of maturity.</summary>
    private static Gen<(BigInteger P, BigInteger M, BigInteger Elapsed, BigInteger Duration, BigInteger Rate)> Loans() =>
        from p in UInt(120)
        from extra in UInt(121)
        from duration in Gen.Choose(1, int.MaxValue)
        from elapsed in Gen.Frequency((3, Gen.Choose(0, int.MaxValue)), (1, Gen.Constant(duration)))
        from rate in Gen.Choose(0, 65_535)
        select (p, p + extra, (BigInteger)elapsed, (BigInteger)duration, (BigInteger)rate);

    private static Gen<BigInteger> UInt(int maxBits) =>
        Gen.Choose(0, maxBits).SelectMany(bits => Gen.ArrayOf(Gen.Choose(0, 255), 33).Select(bytes =>
            new BigInteger(bytes.Select(b => (byte)b).ToArray(), isUnsigned: true) & ((BigInteger.One << bits) - 1)));
}
