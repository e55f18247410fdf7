using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.Blend;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// solmate SignedWadMath semantics: int256 wad multiply/divide with truncation toward zero and empty-data reverts, and
/// wadExp's bounds and accuracy against an independent high-precision e^x.
/// </summary>
public sealed class BlendSignedWadMathTests
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private static readonly BigInteger Int256Max = (BigInteger.One << 255) - 1;
    private static readonly BigInteger Int256Min = -(BigInteger.One << 255);

    [Fact]
    public void WadMul_TruncatesTowardZero_NotTowardNegativeInfinity()
    {
        SignedWadMath.WadMul(-1, 1).ShouldBe(BigInteger.Zero);
        SignedWadMath.WadMul(-3, Wad / 2).ShouldBe(BigInteger.MinusOne); // -1.5 wei -> -1 (floor would give -2)
        SignedWadMath.WadMul(3, Wad / 2).ShouldBe(BigInteger.One);
        SignedWadMath.WadMul(-2 * Wad, 3 * Wad).ShouldBe(-6 * Wad);
    }

    [Fact]
    public void WadDiv_TruncatesTowardZero_NotTowardNegativeInfinity()
    {
        SignedWadMath.WadDiv(-1, 3 * Wad).ShouldBe(BigInteger.Zero);
        SignedWadMath.WadDiv(-2, 3).ShouldBe(BigInteger.Parse("-666666666666666666", CultureInfo.InvariantCulture));
        SignedWadMath.WadDiv(2, -3).ShouldBe(BigInteger.Parse("-666666666666666666", CultureInfo.InvariantCulture));
        SignedWadMath.WadDiv(7 * Wad, 2 * Wad).ShouldBe(35 * Wad / 10);
    }

    [Fact]
    public void WadMul_Overflow_RevertsWithEmptyData_IncludingTheMinusOneTimesMinEdgeCase()
    {
        RevertOf(() => SignedWadMath.WadMul(Int256Max, 2)).ShouldBe("revert (no data)");
        RevertOf(() => SignedWadMath.WadMul(-1, Int256Min)).ShouldBe("revert (no data)");
        RevertOf(() => SignedWadMath.WadMul(Int256Min, -1)).ShouldBe("revert (no data)");
        SignedWadMath.WadMul(Int256Min, 1).ShouldBe(BigInteger.Divide(Int256Min, Wad));
        SignedWadMath.WadMul(0, Int256Min).ShouldBe(BigInteger.Zero);
    }

    [Fact]
    public void WadDiv_ZeroDivisorOrOverflow_RevertsWithEmptyData()
    {
        RevertOf(() => SignedWadMath.WadDiv(1, 0)).ShouldBe("revert (no data)");
        RevertOf(() => SignedWadMath.WadDiv(0, 0)).ShouldBe("revert (no data)");
        RevertOf(() => SignedWadMath.WadDiv((Int256Max / Wad) + 1, 1)).ShouldBe("revert (no data)");
        RevertOf(() => SignedWadMath.WadDiv((Int256Min / Wad) - 1, 1)).ShouldBe("revert (no data)");
        SignedWadMath.WadDiv(Int256Max / Wad, Wad).ShouldBe(Int256Max / Wad);
    }

    [Fact]
    public void Arguments_OutsideInt256_AreRejectedAsCallerErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SignedWadMath.WadMul(Int256Max + 1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => SignedWadMath.WadDiv(1, Int256Min - 1));
        Should.Throw<ArgumentOutOfRangeException>(() => SignedWadMath.WadExp(Int256Max + 1));
    }

    [Fact]
    public void WadMul_AnyInt256Pair_MatchesTruncatedProductOrReverts()
    {
        Prop.ForAll(Pair(SignedInt256()).ToArbitrary(), pair =>
        {
            (BigInteger x, BigInteger y) = pair;
            BigInteger product = x * y;
            if (product < Int256Min || product > Int256Max)
            {
                RevertOf(() => SignedWadMath.WadMul(x, y)).ShouldBe("revert (no data)");
            }
            else
            {
                SignedWadMath.WadMul(x, y).ShouldBe(BigInteger.Divide(product, Wad));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WadDiv_AnyInt256Pair_MatchesTruncatedQuotientOrReverts()
    {
        Prop.ForAll(Pair(SignedInt256()).ToArbitrary(), pair =>
        {
            (BigInteger x, BigInteger y) = pair;
            BigInteger scaled = x * Wad;
            if (y.IsZero || scaled < Int256Min || scaled > Int256Max)
            {
                RevertOf(() => SignedWadMath.WadDiv(x, y)).ShouldBe("revert (no data)");
            }
            else
            {
                SignedWadMath.WadDiv(x, y).ShouldBe(BigInteger.Divide(scaled, y));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WadExp_OfZero_IsExactlyOneWad() => SignedWadMath.WadExp(0).ShouldBe(Wad);

    [Fact]
    public void WadExp_AtAndBelowLowerBound_ReturnsZero()
    {
        BigInteger bound = BigInteger.Parse("-42139678854452767551", CultureInfo.InvariantCulture);
        SignedWadMath.ExpZeroBound.ShouldBe(bound);
        SignedWadMath.WadExp(bound).ShouldBe(BigInteger.Zero);
        SignedWadMath.WadExp(bound - 1).ShouldBe(BigInteger.Zero);
        SignedWadMath.WadExp(Int256Min).ShouldBe(BigInteger.Zero);

        // Just above the bound e^x is about 0.5 wei: the result is 0 or 1, never negative.
        BigInteger justAbove = SignedWadMath.WadExp(bound + 1);
        justAbove.ShouldBeInRange(BigInteger.Zero, BigInteger.One);
    }

    [Fact]
    public void WadExp_AtAndAboveUpperBound_RevertsExpOverflow()
    {
        BigInteger bound = BigInteger.Parse("135305999368893231589", CultureInfo.InvariantCulture);
        SignedWadMath.ExpOverflowBound.ShouldBe(bound);
        ProtocolRevertException revert = Should.Throw<ProtocolRevertException>(() => SignedWadMath.WadExp(bound));
        revert.Kind.ShouldBe(RevertKind.Error);
        revert.RevertReason.ShouldBe("EXP_OVERFLOW");
        RevertOf(() => SignedWadMath.WadExp(Int256Max)).ShouldBe("EXP_OVERFLOW");

        // One below the bound the result still fits in int256 and is e^135.3 wads, just under 2^255.
        BigInteger largest = SignedWadMath.WadExp(bound - 1);
        largest.ShouldBeGreaterThan(BigInteger.Zero);
        largest.ShouldBeLessThanOrEqualTo(Int256Max);
        ShouldBeCloseToExp(bound - 1, largest);
    }

    [Fact]
    public void WadExp_AcrossItsDomain_MatchesHighPrecisionExp()
    {
        Gen<BigInteger> exponents = Gen.Choose(-42_139, 135_305).SelectMany(
            milli => Gen.Choose(0, 999_999).Select(frac => (new BigInteger(milli) * 1_000_000_000_000_000) + (frac * 1_000_000_000L)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(exponents.ToArbitrary(), x => ShouldBeCloseToExp(x, SignedWadMath.WadExp(x))));
    }

    [Fact]
    public void WadExp_OfOneTenth_MatchesSpecExample()
    {
        // Spec §7: 10 ETH at 1000 bps for a year is 11051709180756476240 wei, so wadExp(0.1e18) = 1105170918075647624.
        SignedWadMath.WadExp(Wad / 10).ShouldBe(BigInteger.Parse("1105170918075647624", CultureInfo.InvariantCulture));
    }

    /// <summary>|wadExp(x) − e^x · 1e18| ≤ 1 wei + 1e-17 relative.</summary>
    internal static void ShouldBeCloseToExp(BigInteger xWad, BigInteger actual)
    {
        BigInteger exact = ExpWad(xWad);
        BigInteger tolerance = 1 + (exact / BigInteger.Pow(10, 17));
        BigInteger.Abs(actual - exact).ShouldBeLessThanOrEqualTo(tolerance, $"wadExp({xWad}) = {actual}, e^x = {exact}");
    }

    /// <summary>⌊e^(x / 1e18) · 1e18⌋ to well below one wei, by halving the argument 2^24 times, a Taylor series and repeated squaring.</summary>
    internal static BigInteger ExpWad(BigInteger xWad)
    {
        const int Halvings = 24;
        BigInteger scale = BigInteger.Pow(10, 160);
        BigInteger y = BigInteger.Divide(xWad * scale, Wad << Halvings);
        BigInteger sum = scale;
        BigInteger term = scale;
        for (int n = 1; n < 40 && !term.IsZero; n++)
        {
            term = BigInteger.Divide(term * y, scale * n);
            sum += term;
        }

        for (int i = 0; i < Halvings; i++)
        {
            sum = sum * sum / scale;
        }

        return sum * Wad / scale;
    }

    internal static string RevertOf(Action call) => Should.Throw<ProtocolRevertException>(call).RevertReason;

    private static Gen<(BigInteger, BigInteger)> Pair(Gen<BigInteger> gen) => gen.SelectMany(a => gen.Select(b => (a, b)));

    /// <summary>Int256 values of every magnitude (bit length 0 to 255) and both signs, plus the extremes.</summary>
    private static Gen<BigInteger> SignedInt256() =>
        Gen.Frequency(
            (1, Gen.Elements(BigInteger.Zero, BigInteger.One, BigInteger.MinusOne, Wad, -Wad, Int256Max, Int256Min)),
            (9, Gen.Choose(0, 255).SelectMany(bits => Gen.ArrayOf(Gen.Choose(0, 255), 33).SelectMany(bytes => Gen.Elements(1, -1).Select(sign =>
            {
                BigInteger magnitude = new BigInteger(bytes.Select(b => (byte)b).ToArray(), isUnsigned: true) & ((BigInteger.One << bits) - 1);
                return sign * magnitude;
            })))));
}
