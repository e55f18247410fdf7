using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.JpegD;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>JPEG'd RateLib and NFTVault debt math, checked against the spec's formulas written independently here.</summary>
public sealed class JpegDMathTests
{
    private const long Year = 31_536_000;
    private static readonly BigInteger UInt128Max = (BigInteger.One << 128) - 1;
    private static readonly BigInteger UInt256Max = (BigInteger.One << 256) - 1;
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);

    [Fact]
    public void Rate_FieldsOutsideUInt128_AreRejectedAsCallerErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Rate(-1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new Rate(1, UInt128Max + 1));
        new Rate(UInt128Max, UInt128Max).Numerator.ShouldBe(UInt128Max);
    }

    [Fact]
    public void Rate_Equality_IsFieldWiseLikeTheStruct_NotNumeric()
    {
        new Rate(1, 3).ShouldBe(new Rate(1, 3));
        new Rate(1, 3).ShouldNotBe(new Rate(2, 6));
        new Rate(1, 3).GreaterThan(new Rate(2, 6)).ShouldBeFalse();
        new Rate(2, 6).GreaterThan(new Rate(1, 3)).ShouldBeFalse();
    }

    [Fact]
    public void Calculate_AnyAmount_IsFlooredFraction()
    {
        Gen<(BigInteger X, BigInteger N, BigInteger D)> inputs =
            from x in UInt(128)
            from n in UInt(128)
            from d in UInt(128).Where(d => !d.IsZero)
            select (x, n, d);
        Prop.ForAll(inputs.ToArbitrary(), c => new Rate(c.N, c.D).Calculate(c.X).ShouldBe(c.X * c.N / c.D)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Calculate_Reverts_ArePanics()
    {
        BlendSignedWadMathTests.RevertOf(() => new Rate(1, 0).Calculate(10)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => default(Rate).Calculate(0)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => new Rate(2, 1).Calculate(UInt256Max)).ShouldBe("Panic(0x11)");
        new Rate(0, 1).Calculate(UInt256Max).ShouldBe(BigInteger.Zero);
        Should.Throw<ArgumentOutOfRangeException>(() => new Rate(1, 1).Calculate(-1));
    }

    [Fact]
    public void Sum_AnyRatesWithinUInt128_IsUnreducedCrossSum()
    {
        Prop.ForAll(Pair(RateFields(63)).ToArbitrary(), c =>
        {
            Rate sum = Rate.Sum(new Rate(c.A.N, c.A.D), new Rate(c.B.N, c.B.D));
            sum.Numerator.ShouldBe((c.A.N * c.B.D) + (c.A.D * c.B.N));
            sum.Denominator.ShouldBe(c.A.D * c.B.D);
        }).QuickCheckThrowOnFailure();

        Rate.Sum(new Rate(32, 100), new Rate(5, 100)).ShouldBe(new Rate(3700, 10_000));
    }

    [Fact]
    public void Sum_ProductBeyondUInt128_RevertsBecauseTheFieldsAreUInt128()
    {
        BigInteger twoTo64 = BigInteger.One << 64;
        BlendSignedWadMathTests.RevertOf(() => Rate.Sum(new Rate(1, twoTo64), new Rate(1, twoTo64))).ShouldBe("Panic(0x11)");
        BlendSignedWadMathTests.RevertOf(() => Rate.Sum(new Rate(UInt128Max, 1), new Rate(1, 1))).ShouldBe("Panic(0x11)");
        Rate.Sum(new Rate(UInt128Max - 1, 1), new Rate(1, 1)).ShouldBe(new Rate(UInt128Max, 1));
    }

    [Fact]
    public void GreaterThan_AnyRatesWithinUInt128_ComparesCrossProducts()
    {
        Prop.ForAll(Pair(RateFields(64)).ToArbitrary(), c =>
            new Rate(c.A.N, c.A.D).GreaterThan(new Rate(c.B.N, c.B.D)).ShouldBe(c.A.N * c.B.D > c.B.N * c.A.D))
            .QuickCheckThrowOnFailure();
        BlendSignedWadMathTests.RevertOf(() => new Rate(UInt128Max, 1).GreaterThan(new Rate(1, 2))).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void Debt_AnyPortions_IsFlooredShareOfTotal()
    {
        Gen<(BigInteger Total, BigInteger User, BigInteger TotalPortion)> inputs =
            from total in UInt(128)
            from totalPortion in UInt(128)
            from user in UInt(128).Select(u => totalPortion.IsZero ? u : u % (totalPortion + 1))
            select (total, user, totalPortion);
        Prop.ForAll(inputs.ToArbitrary(), c =>
            NftVaultMath.CalculateDebt(c.Total, c.User, c.TotalPortion).ShouldBe(c.TotalPortion.IsZero ? 0 : c.Total * c.User / c.TotalPortion))
            .QuickCheckThrowOnFailure();
        BlendSignedWadMathTests.RevertOf(() => NftVaultMath.CalculateDebt(UInt256Max, 2, 3)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void Portion_AnyDebt_IsFlooredShareOrTheDebtItselfForTheFirstBorrower()
    {
        Gen<(BigInteger TotalPortion, BigInteger UserDebt, BigInteger TotalDebt)> inputs =
            from totalPortion in UInt(128)
            from userDebt in UInt(128)
            from totalDebt in UInt(128).Where(t => !t.IsZero)
            select (totalPortion, userDebt, totalDebt);
        Prop.ForAll(inputs.ToArbitrary(), c =>
            NftVaultMath.CalculatePortion(c.TotalPortion, c.UserDebt, c.TotalDebt)
                .ShouldBe(c.TotalPortion.IsZero ? c.UserDebt : c.TotalPortion * c.UserDebt / c.TotalDebt))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Portion_WithPortionsButNoDebt_RevertsDivisionByZero()
    {
        BlendSignedWadMathTests.RevertOf(() => NftVaultMath.CalculatePortion(100, 5, 0)).ShouldBe("Panic(0x12)");
        NftVaultMath.CalculatePortion(0, 5, 0).ShouldBe(new BigInteger(5));
    }

    [Fact]
    public void AdditionalInterest_AnyState_IsDoublyFlooredSimpleInterest()
    {
        Gen<(BigInteger Total, BigInteger N, BigInteger D, int Elapsed)> inputs =
            from total in UInt(128)
            from n in UInt(32)
            from d in UInt(32).Where(d => !d.IsZero)
            from elapsed in Gen.Choose(0, 10 * (int)Year)
            select (total, n, d, elapsed);
        Prop.ForAll(inputs.ToArbitrary(), c =>
            NftVaultMath.CalculateAdditionalInterest(c.Total, new Rate(c.N, c.D), c.Elapsed).ShouldBe(c.Elapsed * c.Total * c.N / c.D / Year))
            .QuickCheckThrowOnFailure();

        // 1 000 000 pUSD at 2 % APR for a year is exactly 20 000 pUSD.
        NftVaultMath.CalculateAdditionalInterest(1_000_000 * Eth, new Rate(2, 100), Year).ShouldBe(20_000 * Eth);
    }

    [Fact]
    public void AdditionalInterest_NoTimeOrNoDebt_ShortCircuitsBeforeTheDivision()
    {
        NftVaultMath.CalculateAdditionalInterest(Eth, new Rate(1, 0), 0).ShouldBe(BigInteger.Zero);
        NftVaultMath.CalculateAdditionalInterest(0, new Rate(1, 0), Year).ShouldBe(BigInteger.Zero);
        BlendSignedWadMathTests.RevertOf(() => NftVaultMath.CalculateAdditionalInterest(Eth, new Rate(1, 0), 1)).ShouldBe("Panic(0x12)");
        BlendSignedWadMathTests.RevertOf(() => NftVaultMath.CalculateAdditionalInterest(UInt256Max, new Rate(1, 1), 2)).ShouldBe("Panic(0x11)");
    }

    [Fact]
    public void AdditionalInterestAt_UsesCheckedElapsedTime()
    {
        NftVaultMath.CalculateAdditionalInterestAt(1_000_000 * Eth, new Rate(2, 100), 1_700_000_000, 1_700_000_000 + Year).ShouldBe(20_000 * Eth);
        BlendSignedWadMathTests.RevertOf(() => NftVaultMath.CalculateAdditionalInterestAt(Eth, new Rate(2, 100), 10, 9)).ShouldBe("Panic(0x11)");
    }

    private static Gen<(BigInteger N, BigInteger D)> RateFields(int maxBits) =>
        from n in UInt(maxBits)
        from d in UInt(maxBits)
        select (n, d);

    private static Gen<((BigInteger N, BigInteger D) A, (BigInteger N, BigInteger D) B)> Pair(Gen<(BigInteger N, BigInteger D)> gen) =>
        from a in gen
        from b in gen
        select (a, b);

    private static Gen<BigInteger> UInt(int maxBits) =>
        Gen.Choose(0, maxBits).SelectMany(bits => Gen.ArrayOf(Gen.Choose(0, 255), 33).Select(bytes =>
            new BigInteger(bytes.Select(b => (byte)b).ToArray(), isUnsigned: true) & ((BigInteger.One << bits) - 1)));
}
