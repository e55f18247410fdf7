using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.Blend;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>Blur Blend debt and refinancing-auction cap, checked against the spec's formulas written independently here.</summary>
public sealed class BlendMathTests
{
    private const long Year = 365L * 24 * 60 * 60;
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private static readonly BigInteger UInt256Max = (BigInteger.One << 256) - 1;

    [Fact]
    public void ComputeCurrentDebt_SpecExample_TenEthAtTenPercentForAYear()
    {
        BlendMath.ComputeCurrentDebt(10 * Wad, 1000, Year)
            .ShouldBe(BigInteger.Parse("11051709180756476240", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ComputeCurrentDebt_NoElapsedTimeOrNoRate_ReturnsTheAmountExactly()
    {
        Gen<(BigInteger Amount, BigInteger Rate, BigInteger Elapsed)> inputs =
            from amount in UInt(190)
            from rate in UInt(20)
            from elapsed in UInt(32)
            select (amount, rate, elapsed);
        Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            BlendMath.ComputeCurrentDebt(c.Amount, c.Rate, 0).ShouldBe(c.Amount);
            BlendMath.ComputeCurrentDebt(c.Amount, 0, c.Elapsed).ShouldBe(c.Amount);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ComputeCurrentDebt_TracksContinuousCompounding()
    {
        Gen<(BigInteger Amount, int Rate, int Elapsed)> inputs =
            from amount in UInt(100)
            from rate in Gen.Choose(0, 100_000)
            from elapsed in Gen.Choose(0, 5 * (int)Year)
            select (amount, rate, elapsed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            // amount · e^(rate/1e4 · elapsed/year), from an independent high-precision exponential.
            BigInteger exponentWad = new BigInteger(c.Rate) * c.Elapsed * Wad / (10_000 * Year);
            BigInteger growthWad = BlendSignedWadMathTests.ExpWad(exponentWad);
            BigInteger expected = c.Amount * growthWad / Wad;
            BigInteger actual = BlendMath.ComputeCurrentDebt(c.Amount, c.Rate, c.Elapsed);
            BigInteger tolerance = 2 + (expected / BigInteger.Pow(10, 15));
            BigInteger.Abs(actual - expected).ShouldBeLessThanOrEqualTo(tolerance);
        }));
    }

    [Fact]
    public void ComputeCurrentDebt_ExponentPastWadExpBound_RevertsExpOverflowEvenForZeroAmount()
    {
        // 1000 % APR for 13.54 years: exponent 135.4 > 135.306.
        BigInteger elapsed = 1354 * Year / 100;
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(Wad, 100_000, elapsed)).ShouldBe("EXP_OVERFLOW");
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(0, 100_000, elapsed)).ShouldBe("EXP_OVERFLOW");
    }

    [Fact]
    public void ComputeCurrentDebt_Overflows_RevertLikeTheContract()
    {
        // int256(elapsed) * 1e18 is checked Solidity arithmetic: Panic.
        BigInteger hugeElapsed = ((BigInteger.One << 255) / Wad) + 1;
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(Wad, 1, hugeElapsed)).ShouldBe("Panic(0x11)");

        // ... but the second scaling inside solmate's wadDiv is assembly: empty revert.
        BigInteger bigElapsed = ((BigInteger.One << 255) / (Wad * Wad)) + 1;
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(Wad, 1, bigElapsed)).ShouldBe("revert (no data)");

        // amount * wadExp overflows int256 in the final wadMul: empty revert.
        BigInteger bigAmount = (BigInteger.One << 254) / Wad;
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(bigAmount, 10_000, Year)).ShouldBe("revert (no data)");
    }

    [Fact]
    public void ComputeCurrentDebt_AmountAboveInt256Max_IsReinterpretedAsNegativeLikeTheContract()
    {
        // int256(2^256 - 1) = -1; wadMul(-1, 1e18) = -1; uint256(-1) = 2^256 - 1.
        BlendMath.ComputeCurrentDebt(UInt256Max, 500, 0).ShouldBe(UInt256Max);

        // int256(2^255) = -2^255, and -2^255 * 1e18 overflows: empty revert.
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebt(BigInteger.One << 255, 500, 0)).ShouldBe("revert (no data)");
    }

    [Fact]
    public void ComputeCurrentDebtAt_UsesCheckedElapsedTime()
    {
        BlendMath.ComputeCurrentDebtAt(10 * Wad, 1000, 1_700_000_000, 1_700_000_000 + Year)
            .ShouldBe(BlendMath.ComputeCurrentDebt(10 * Wad, 1000, Year));
        BlendSignedWadMathTests.RevertOf(() => BlendMath.ComputeCurrentDebtAt(Wad, 1000, 2, 1)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void Inputs_OutsideUInt256_AreRejectedAsCallerErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BlendMath.ComputeCurrentDebt(-1, 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => BlendMath.ComputeCurrentDebt(1, UInt256Max + 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => BlendMath.CalcRefinancingAuctionRate(-1, 9000, 1000));
    }

    [Fact]
    public void AuctionRate_SpecBreakpoints_ForNineThousandBlocksAndTenPercent()
    {
        BlendMath.CalcRefinancingAuctionRate(1800, 9000, 1000).ShouldBe(new BigInteger(2433));
        BlendMath.CalcRefinancingAuctionRate(7200, 9000, 1000).ShouldBe(new BigInteger(11433));
        BlendMath.CalcRefinancingAuctionRate(8999, 9000, 1000).ShouldBe(new BigInteger(99950));
        BlendMath.CalcRefinancingAuctionRate(9000, 9000, 1000).ShouldBe(new BigInteger(100000));
        BlendMath.CalcRefinancingAuctionRate(0, 9000, 1000).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void AuctionRate_OldRateAtOrAbovePlateau_CapsAtFifteenThousandFiveHundredAtT1()
    {
        BlendMath.CalcRefinancingAuctionRate(1000, 5000, 15_000).ShouldBe(new BigInteger(15_500));
        BlendMath.CalcRefinancingAuctionRate(1000, 5000, 90_000).ShouldBe(new BigInteger(15_500));
    }

    [Fact]
    public void AuctionRate_DurationBelowFiveBlocks_RevertsDivisionByZeroAtEveryBlock()
    {
        Prop.ForAll(Gen.Choose(0, 4).SelectMany(d => Gen.Choose(0, 20).Select(t => (d, t))).ToArbitrary(), c =>
            BlendSignedWadMathTests.RevertOf(() => BlendMath.CalcRefinancingAuctionRate(c.t, c.d, 1000)).ShouldBe("Panic(0x12)"))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AuctionRate_Overflows_RevertWithPanic()
    {
        BlendSignedWadMathTests.RevertOf(() => BlendMath.CalcRefinancingAuctionRate(0, BigInteger.One << 254, 1000)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => BlendMath.CalcRefinancingAuctionRate(0, 9000, UInt256Max / Wad + 1)).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => BlendMath.CalcRefinancingAuctionRate(0, 4, UInt256Max / Wad + 1)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void AuctionRate_AnyDurationRateAndBlock_MatchesSpecPiecewiseFormula()
    {
        Gen<(int D, int Rate, int T)> inputs =
            from d in Gen.Choose(5, BlendMath.MaxAuctionDurationBlocks)
            from rate in Gen.Choose(0, 100_000)
            from t in Gen.Frequency((4, Gen.Choose(0, d + 10)), (1, Gen.Elements(0, (d / 5) - 1, d / 5, (4 * d / 5) - 1, 4 * d / 5, d - 1, d, d + 1)))
            select (d, rate, t);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(inputs.ToArbitrary(), c =>
            BlendMath.CalcRefinancingAuctionRate(c.T, c.D, c.Rate).ShouldBe(SpecAuctionRate(c.T, c.D, c.Rate), $"t={c.T} D={c.D} r={c.Rate}")));
    }

    [Fact]
    public void AuctionRateAt_UsesCheckedBlockDifference()
    {
        BlendMath.CalcRefinancingAuctionRateAt(18_000_000 - 1800, 9000, 1000, 18_000_000).ShouldBe(new BigInteger(2433));
        BlendSignedWadMathTests.RevertOf(() => BlendMath.CalcRefinancingAuctionRateAt(10, 9000, 1000, 9)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void BipsAndSignedWads_ConvertWithTruncationTowardZero()
    {
        BlendMath.BipsToSignedWads(10_000).ShouldBe(Wad);
        BlendMath.BipsToSignedWads(1).ShouldBe(Wad / 10_000);
        BlendMath.SignedWadsToBips(Wad).ShouldBe(new BigInteger(10_000));
        BlendMath.SignedWadsToBips((Wad / 10_000) - 1).ShouldBe(BigInteger.Zero);

        // A negative quotient is reinterpreted as uint256, as uint256(int256) does on-chain.
        BlendMath.SignedWadsToBips(-Wad / 10_000).ShouldBe(UInt256Max);
        BlendMath.SignedWadsToBips(-(Wad / 10_000) + 1).ShouldBe(BigInteger.Zero);
    }

    /// <summary>Spec §7 written out: w(b) = ⌊b·1e18/1e4⌋, bips(x) = tdiv(x·1e4, 1e18), tdiv truncating toward zero.</summary>
    private static BigInteger SpecAuctionRate(BigInteger t, BigInteger d, BigInteger oldRate)
    {
        static BigInteger W(BigInteger bps) => bps * Wad / 10_000;
        static BigInteger Bips(BigInteger wads) => BigInteger.Divide(wads * 10_000, Wad);

        BigInteger t1 = d / 5;
        BigInteger t2 = 4 * d / 5;
        BigInteger maxRate = oldRate < 15_000
            ? W(500) + BigInteger.Divide(W(oldRate) * W(oldRate), -W(15_000)) + (2 * W(oldRate))
            : W(500) + W(15_000);
        BigInteger m = BigInteger.Divide(W(9000), 3 * d / 5) + 1;
        if (t < t1)
        {
            return Bips(BigInteger.Divide(maxRate, t1) * t);
        }

        if (t < t2)
        {
            return Bips((m * t) + maxRate - (t1 * m));
        }

        if (t < d)
        {
            BigInteger e = BigInteger.Divide(W(100_000) - ((t2 * m) + maxRate - (t1 * m)), d - t2);
            return Bips((e * t) + W(100_000) - (d * e));
        }

        return 100_000;
    }

    private static Gen<BigInteger> UInt(int maxBits) =>
        Gen.Choose(0, maxBits).SelectMany(bits => Gen.ArrayOf(Gen.Choose(0, 255), 33).Select(bytes =>
            new BigInteger(bytes.Select(b => (byte)b).ToArray(), isUnsigned: true) & ((BigInteger.One << bits) - 1)));
}
