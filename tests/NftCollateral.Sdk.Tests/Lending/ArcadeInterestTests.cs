using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.Arcade;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>Arcade v4 pro-rated interest, effective rate and v3 term interest, checked against the spec's formulas written independently here.</summary>
public sealed class ArcadeInterestTests
{
    private const long Year = 31_536_000;
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    private static readonly BigInteger UInt256Max = (BigInteger.One << 256) - 1;

    [Fact]
    public void Prorated_AnyAccrualWindow_MatchesSpecFormulaWithMaturityClamp()
    {
        // Times are offsets from the start; accrual and "now" often land within a few seconds of maturity.
        Gen<int> NearMaturityOr(int duration) => Gen.Frequency(
            (3, Gen.Choose(0, 4 * (int)Year)),
            (2, Gen.Choose(Math.Max(0, duration - 3), duration + 3)));
        Gen<(BigInteger Balance, int Rate, long Start, int Duration, int Accrual, int Now)> inputs =
            from balance in UInt(160)
            from rate in Gen.Choose(0, 100_000)
            from start in Gen.Choose(1_600_000_000, 1_900_000_000)
            from duration in Gen.Frequency((4, Gen.Choose(3600, 3 * (int)Year)), (1, Gen.Choose(0, 3)))
            from accrual in NearMaturityOr(duration)
            from now in Gen.Frequency((3, Gen.Choose(accrual, accrual + (4 * (int)Year))), (1, NearMaturityOr(duration)))
            select (balance, rate, (long)start, duration, accrual, now);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            long lastAccrual = c.Start + c.Accrual;
            long now = c.Start + c.Now;
            if (c.Now <= c.Duration && now < lastAccrual)
            {
                // Within the term, now - lastAccrual underflows.
                BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.GetProratedInterestAmount(c.Balance, c.Rate, c.Duration, c.Start, lastAccrual, now))
                    .ShouldBe("Panic(0x11)");
                return;
            }

            long end = c.Start + c.Duration;
            long delta = c.Now <= c.Duration ? now - lastAccrual : Math.Max(0, end - lastAccrual);
            BigInteger expected = c.Balance * delta * c.Rate / (10_000 * Year);
            ArcadeInterest.GetProratedInterestAmount(c.Balance, c.Rate, c.Duration, c.Start, lastAccrual, now).ShouldBe(expected);
        }));
    }

    [Fact]
    public void Prorated_FullYearAtTenPercent_IsOneTenthOfBalance()
    {
        ArcadeInterest.GetProratedInterestAmount(10 * Eth, 1000, Year, 1_700_000_000, 1_700_000_000, 1_700_000_000 + Year).ShouldBe(Eth);
        ArcadeInterest.GetProratedInterestAmount(10 * Eth, 1000, Year, 1_700_000_000, 1_700_000_000, 1_700_000_000 + (2 * Year)).ShouldBe(Eth);
    }

    [Fact]
    public void Prorated_AccruedAtOrAfterMaturity_IsZeroEvenWhenTheProductWouldOverflow()
    {
        ArcadeInterest.GetProratedInterestAmount(UInt256Max, UInt256Max, 100, 1000, 1100, 5000).ShouldBe(BigInteger.Zero);
        ArcadeInterest.GetProratedInterestAmount(UInt256Max, UInt256Max, 100, 1000, 1200, 5000).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void Prorated_ZeroDuration_AccruesNothing()
    {
        ArcadeInterest.GetProratedInterestAmount(Eth, 1000, 0, 1000, 1000, 1000).ShouldBe(BigInteger.Zero);
        ArcadeInterest.GetProratedInterestAmount(Eth, 1000, 0, 1000, 1000, 9999).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void Prorated_Reverts_ArePanics()
    {
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.GetProratedInterestAmount(Eth, 1000, Year, 1000, 1000, 999)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.GetProratedInterestAmount(Eth, 1000, Year, 1000, 2000, 1500)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.GetProratedInterestAmount(UInt256Max, 2, Year, 1000, 1000, 1001)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void Prorated_HugeDuration_NeverComputesTheMaturityTimestamp()
    {
        // start + duration would overflow, but it is only evaluated once the loan is past maturity.
        ArcadeInterest.GetProratedInterestAmount(10 * Eth, 1000, UInt256Max, 1000, 1000, 1000 + Year).ShouldBe(Eth);
    }

    [Fact]
    public void EffectiveRate_AnyHistory_MatchesSpecFormula()
    {
        Gen<(BigInteger Paid, BigInteger Elapsed, BigInteger Principal)> inputs =
            from paid in UInt(150)
            from elapsed in Gen.Choose(1, int.MaxValue)
            from principal in UInt(150).Where(p => !p.IsZero)
            select (paid, (BigInteger)elapsed, principal);
        Prop.ForAll(inputs.ToArbitrary(), c =>
            ArcadeInterest.EffectiveInterestRate(c.Paid, c.Elapsed, c.Principal).ShouldBe(c.Paid * Year * 10_000 / (c.Elapsed * c.Principal)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EffectiveRate_OfAFullYearAtTenPercent_IsOneThousandBps() =>
        ArcadeInterest.EffectiveInterestRate(Eth, Year, 10 * Eth).ShouldBe(new BigInteger(1000));

    [Fact]
    public void EffectiveRate_ZeroElapsedOrPrincipal_RevertsDivisionByZero()
    {
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.EffectiveInterestRate(Eth, 0, Eth)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.EffectiveInterestRate(Eth, Year, 0)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => ArcadeInterest.EffectiveInterestRate(UInt256Max, Year, Eth)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void V3Interest_AnyPrincipalAndTermRate_MatchesSpecFormula()
    {
        Gen<(BigInteger Principal, BigInteger Rate)> inputs =
            from principal in UInt(128)
            from rate in UInt(127)
            select (principal, rate);
        Prop.ForAll(inputs.ToArbitrary(), c =>
            ArcadeV3Interest.GetInterestAmount(c.Principal, c.Rate).ShouldBe(c.Principal * c.Rate / (Eth * 10_000)))
            .QuickCheckThrowOnFailure();
        ArcadeV3Interest.GetInterestAmount(10 * Eth, 1000 * Eth).ShouldBe(Eth);
        BlendSignedWadMathTests.RevertOf(() => ArcadeV3Interest.GetInterestAmount(UInt256Max, 2)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void Inputs_OutsideUInt256_AreRejectedAsCallerErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ArcadeInterest.GetProratedInterestAmount(-1, 1, 1, 1, 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => ArcadeInterest.EffectiveInterestRate(1, 1, UInt256Max + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => ArcadeV3Interest.GetInterestAmount(1, -1));
    }

    private static Gen<BigInteger> UInt(int maxBits) =>
        Gen.Choose(0, maxBits).SelectMany(bits => Gen.ArrayOf(Gen.Choose(0, 255), 33).Select(bytes =>
            new BigInteger(bytes.Select(b => (byte)b).ToArray(), isUnsigned: true) & ((BigInteger.One << bits) - 1)));
}
