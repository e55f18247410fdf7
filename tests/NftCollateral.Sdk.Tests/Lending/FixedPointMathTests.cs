using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// BendDAO v1 and Aave v3 WadRayMath/PercentageMath against shared/specs/lending.md §1 on any uint256 input: values,
/// half-up rounding, the exact revert boundaries and the reasons ("200"/"202" for BendDAO v1, empty for Aave v3).
/// </summary>
public sealed class FixedPointMathTests
{
    private const int Cases = 2_000;

    public enum Op
    {
        WadMul,
        WadDiv,
        RayMul,
        RayDiv,
        PercentMul,
        PercentDiv,
    }

    public static TheoryData<Op> Ops => [Op.WadMul, Op.WadDiv, Op.RayMul, Op.RayDiv, Op.PercentMul, Op.PercentDiv];

    private static Func<BigInteger, BigInteger, BigInteger> Bend(Op op) => op switch
    {
        Op.WadMul => BendDaoV1Math.WadMul,
        Op.WadDiv => BendDaoV1Math.WadDiv,
        Op.RayMul => BendDaoV1Math.RayMul,
        Op.RayDiv => BendDaoV1Math.RayDiv,
        Op.PercentMul => BendDaoV1Math.PercentMul,
        _ => BendDaoV1Math.PercentDiv,
    };

    private static Func<BigInteger, BigInteger, BigInteger> Aave(Op op) => op switch
    {
        Op.WadMul => AaveV3Math.WadMul,
        Op.WadDiv => AaveV3Math.WadDiv,
        Op.RayMul => AaveV3Math.RayMul,
        Op.RayDiv => AaveV3Math.RayDiv,
        Op.PercentMul => AaveV3Math.PercentMul,
        _ => AaveV3Math.PercentDiv,
    };

    private static BigInteger Unit(Op op) => op switch
    {
        Op.WadMul or Op.WadDiv => Wad,
        Op.RayMul or Op.RayDiv => Ray,
        _ => Bps,
    };

    private static bool IsMul(Op op) => op is Op.WadMul or Op.RayMul or Op.PercentMul;

    private static BigInteger? Reference(Op op, BigInteger a, BigInteger b) =>
        IsMul(op) ? Mul(a, b, Unit(op)) : Div(a, b, Unit(op));

    // ---------------------------------------------------------------- properties on any uint256 input

    [Theory]
    [MemberData(nameof(Ops))]
    public void BendDaoV1_AgreesWithTheSpecOnAnyInput(Op op)
    {
        Property property = Prop.ForAll(PairGen.ToArbitrary(), pair =>
        {
            (BigInteger? value, string? revert) = Outcome(() => Bend(op)(pair.A, pair.B));
            BigInteger? expected = Reference(op, pair.A, pair.B);
            string? expectedRevert = expected is null ? (!IsMul(op) && pair.B.IsZero ? "202" : "200") : null;
            value.ShouldBe(expected, $"{op}({pair.A}, {pair.B})");
            revert.ShouldBe(expectedRevert, $"{op}({pair.A}, {pair.B})");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void AaveV3_AgreesWithTheSpecOnAnyInput(Op op)
    {
        Property property = Prop.ForAll(PairGen.ToArbitrary(), pair =>
        {
            (BigInteger? value, string? revert) = Outcome(() => Aave(op)(pair.A, pair.B));
            BigInteger? expected = Reference(op, pair.A, pair.B);
            value.ShouldBe(expected, $"{op}({pair.A}, {pair.B})");
            revert.ShouldBe(expected is null ? NoData : null, $"{op}({pair.A}, {pair.B})");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void BothProtocols_ReturnTheSameValueWheneverBothReturn(Op op)
    {
        Property property = Prop.ForAll(PairGen.ToArbitrary(), pair =>
        {
            (BigInteger? bend, string? bendRevert) = Outcome(() => Bend(op)(pair.A, pair.B));
            (BigInteger? aave, string? aaveRevert) = Outcome(() => Aave(op)(pair.A, pair.B));
            bend.ShouldBe(aave);
            (bendRevert is null).ShouldBe(aaveRevert is null);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    /// <summary>
    /// §1's bound written literally: for a nonzero divisor-or-factor b, the largest non-reverting a is
    /// ⌊(MAX − half)/b⌋ (mul) or ⌊(MAX − ⌊b/2⌋)/unit⌋ (div); that a returns the rounded value and a + 1 reverts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Ops))]
    public void RevertBoundary_IsExactlyTheSpecBound(Op op)
    {
        Gen<BigInteger> nonZero = UInt256Gen.Where(b => !b.IsZero);
        Property property = Prop.ForAll(nonZero.ToArbitrary(), b =>
        {
            BigInteger unit = Unit(op);
            BigInteger largest = IsMul(op) ? (Max - (unit / 2)) / b : (Max - (b / 2)) / unit;
            BigInteger expected = IsMul(op) ? RoundHalfUp(largest * b, unit) : RoundHalfUp(largest * unit, b);

            Bend(op)(largest, b).ShouldBe(expected);
            Aave(op)(largest, b).ShouldBe(expected);
            if (largest < Max)
            {
                Outcome(() => Bend(op)(largest + 1, b)).Revert.ShouldBe("200");
                Outcome(() => Aave(op)(largest + 1, b)).Revert.ShouldBe(NoData);
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void ZeroOperands(Op op)
    {
        if (IsMul(op))
        {
            // 0 whenever either operand is 0, even against MAX.
            Bend(op)(0, Max).ShouldBe(0);
            Bend(op)(Max, 0).ShouldBe(0);
            Aave(op)(0, Max).ShouldBe(0);
            Aave(op)(Max, 0).ShouldBe(0);
        }
        else
        {
            Outcome(() => Bend(op)(1, 0)).Revert.ShouldBe("202");
            Outcome(() => Bend(op)(0, 0)).Revert.ShouldBe("202");
            Outcome(() => Aave(op)(0, 0)).Revert.ShouldBe(NoData);
            Bend(op)(0, Max).ShouldBe(0);
            Aave(op)(0, Max).ShouldBe(0);
        }
    }

    // ---------------------------------------------------------------- spec examples (§1)

    [Fact]
    public void HalfUp_NotBankers_PercentMulOf5At50Percent_Is3()
    {
        BendDaoV1Math.PercentMul(5, 5000).ShouldBe(3);
        AaveV3Math.PercentMul(5, 5000).ShouldBe(3);
        BendDaoV1Math.PercentMul(3, 5000).ShouldBe(2); // 1.5 -> 2
        BendDaoV1Math.PercentMul(1, 4999).ShouldBe(0); // 0.4999 -> 0
    }

    [Fact]
    public void HalfUp_WadDivOf1By2Wad_Is1()
    {
        BendDaoV1Math.WadDiv(1, 2 * Wad).ShouldBe(1);
        AaveV3Math.WadDiv(1, 2 * Wad).ShouldBe(1);
        BendDaoV1Math.WadDiv(1, (2 * Wad) + 1).ShouldBe(0);
        AaveV3Math.RayDiv(1, (2 * Ray) + 1).ShouldBe(0);
    }

    [Fact]
    public void HalfUp_MulExactlyHalfRoundsUp()
    {
        BendDaoV1Math.WadMul(Wad / 2, 1).ShouldBe(1);
        BendDaoV1Math.WadMul((Wad / 2) - 1, 1).ShouldBe(0);
        AaveV3Math.RayMul(Ray / 2, 1).ShouldBe(1);
        AaveV3Math.RayMul((Ray / 2) - 1, 1).ShouldBe(0);
    }

    [Fact]
    public void Constants_MatchTheContracts()
    {
        BendDaoV1Math.PercentageFactor.ShouldBe(10_000);
        BendDaoV1Math.OnePercent.ShouldBe(100);
        BendDaoV1Math.TenPercent.ShouldBe(1_000);
        BendDaoV1Math.Wad.ShouldBe(Wad);
        BendDaoV1Math.Ray.ShouldBe(Ray);
        AaveV3Math.HalfRay.ShouldBe(Ray / 2);
        AaveV3Math.WadRayRatio.ShouldBe(Gwei);
    }

    // ---------------------------------------------------------------- rayToWad / wadToRay

    /// <summary>§1: BendDAO v1's checked add panics for a &gt; MAX − 5e8; Aave v3's assembly version never reverts.</summary>
    [Fact]
    public void RayToWad_DiffersBetweenProtocols_AtMaxMinusHalfGweiPlusOne()
    {
        BigInteger a = Max - (Gwei / 2) + 1;
        a.ToString().ShouldBe("115792089237316195423570985008687907853269984665640564039457584007912629639936");

        Outcome(() => BendDaoV1Math.RayToWad(a)).Revert.ShouldBe(Panic11);
        // ⌊a/1e9⌋ = 115792089237316195423570985008687907853269984665640564039457584007912, remainder 629639936 ≥ 5e8: + 1.
        AaveV3Math.RayToWad(a).ToString().ShouldBe("115792089237316195423570985008687907853269984665640564039457584007913");

        // One below, both return the same value.
        BendDaoV1Math.RayToWad(a - 1).ShouldBe(AaveV3Math.RayToWad(a - 1));
        Outcome(() => BendDaoV1Math.RayToWad(Max)).Revert.ShouldBe(Panic11);
        AaveV3Math.RayToWad(Max).ShouldBe(RoundHalfUp(Max, Gwei));
    }

    [Fact]
    public void RayToWad_AgreesWithTheSpecOnAnyInput()
    {
        Property property = Prop.ForAll(UInt256Gen.ToArbitrary(), a =>
        {
            AaveV3Math.RayToWad(a).ShouldBe(RoundHalfUp(a, Gwei));
            (BigInteger? value, string? revert) = Outcome(() => BendDaoV1Math.RayToWad(a));
            if (a + (Gwei / 2) > Max)
            {
                revert.ShouldBe(Panic11);
            }
            else
            {
                value.ShouldBe(RoundHalfUp(a, Gwei));
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public void RayToWad_HalfUpAtTheGweiBoundary()
    {
        BendDaoV1Math.RayToWad(499_999_999).ShouldBe(0);
        BendDaoV1Math.RayToWad(500_000_000).ShouldBe(1);
        AaveV3Math.RayToWad(499_999_999).ShouldBe(0);
        AaveV3Math.RayToWad(500_000_000).ShouldBe(1);
        AaveV3Math.RayToWad(1_499_999_999).ShouldBe(1);
    }

    [Fact]
    public void WadToRay_AgreesWithTheSpecOnAnyInput_AndRevertsPastMaxOverGwei()
    {
        Property property = Prop.ForAll(UInt256Gen.ToArbitrary(), a =>
        {
            bool overflows = a * Gwei > Max;
            (BigInteger? bend, string? bendRevert) = Outcome(() => BendDaoV1Math.WadToRay(a));
            (BigInteger? aave, string? aaveRevert) = Outcome(() => AaveV3Math.WadToRay(a));
            bend.ShouldBe(overflows ? null : a * Gwei);
            aave.ShouldBe(overflows ? null : a * Gwei);
            bendRevert.ShouldBe(overflows ? Panic11 : null);
            aaveRevert.ShouldBe(overflows ? NoData : null);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        BigInteger largest = Max / Gwei;
        BendDaoV1Math.WadToRay(largest).ShouldBe(largest * Gwei);
        Outcome(() => BendDaoV1Math.WadToRay(largest + 1)).Revert.ShouldBe(Panic11);
        Outcome(() => AaveV3Math.WadToRay(largest + 1)).Revert.ShouldBe(NoData);
    }

    // ---------------------------------------------------------------- caller input outside uint256

    [Fact]
    public void InputsOutsideUInt256_AreCallerErrors_NotReverts()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BendDaoV1Math.WadMul(-1, 1)).ParamName.ShouldBe("a");
        Should.Throw<ArgumentOutOfRangeException>(() => BendDaoV1Math.WadDiv(1, Max + 1)).ParamName.ShouldBe("b");
        Should.Throw<ArgumentOutOfRangeException>(() => AaveV3Math.PercentMul(Max + 1, 0)).ParamName.ShouldBe("value");
        Should.Throw<ArgumentOutOfRangeException>(() => AaveV3Math.PercentDiv(1, -5)).ParamName.ShouldBe("percentage");
        Should.Throw<ArgumentOutOfRangeException>(() => AaveV3Math.RayToWad(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => BendDaoV1Math.WadToRay(Max + 1));
    }

    [Fact]
    public void RevertExceptions_NameTheProtocolFunction()
    {
        var bend = Should.Throw<ProtocolRevertException>(() => BendDaoV1Math.RayDiv(1, 0));
        bend.Kind.ShouldBe(RevertKind.Error);
        bend.Reason.ShouldBe("202");
        bend.Function.ShouldContain("rayDiv");

        var aave = Should.Throw<ProtocolRevertException>(() => AaveV3Math.WadMul(Max, 2));
        aave.Kind.ShouldBe(RevertKind.Empty);
        aave.Function.ShouldContain("wadMul");
    }
}
