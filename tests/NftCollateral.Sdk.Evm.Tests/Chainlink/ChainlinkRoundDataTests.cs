using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Chainlink;

namespace NftCollateral.Sdk.Evm.Tests.Chainlink;

public class ChainlinkRoundDataTests
{
    private static byte[] Encode(BigInteger roundId, BigInteger answer, BigInteger startedAt, BigInteger updatedAt, BigInteger answeredInRound) =>
        new AbiEncoder().UInt256(roundId).Int256(answer).UInt256(startedAt).UInt256(updatedAt).UInt256(answeredInRound).ToArray();

    [Fact]
    public void Decode_ExactFiveWords()
    {
        BigInteger roundId = (BigInteger.One << 80) - 1;
        byte[] data = Encode(roundId, BigInteger.Parse("31250000000000000000"), 1_700_000_000, 1_700_000_100, roundId);
        ChainlinkRoundData round = ChainlinkRoundData.Decode(data);
        round.RoundId.ShouldBe((UInt128)roundId);
        round.Answer.ShouldBe(Int128.Parse("31250000000000000000"));
        round.StartedAt.ShouldBe(1_700_000_000ul);
        round.UpdatedAt.ShouldBe(1_700_000_100ul);
        round.UpdatedAtTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));
    }

    [Fact]
    public void Decode_NegativeAnswer_IsKept_ForTheValidatorToReject()
    {
        ChainlinkRoundData.Decode(Encode(1, -5, 1, 1, 1)).Answer.ShouldBe((Int128)(-5));
    }

    [Theory]
    [InlineData(159)]
    [InlineData(0)]
    [InlineData(192)]
    public void Decode_WrongLength_Fails(int length)
    {
        byte[] data = new byte[length];
        ChainlinkRoundData.TryDecode(data, out _).ShouldBeFalse();
        Should.Throw<AbiDecodingException>(() => ChainlinkRoundData.Decode(data)).Message.ShouldContain("160 bytes");
    }

    [Fact]
    public void Decode_ValuesOutsideTheirTypes_Fail()
    {
        Should.Throw<AbiDecodingException>(() => ChainlinkRoundData.Decode(Encode(BigInteger.One << 80, 1, 1, 1, 1))).Message.ShouldContain("roundId");
        Should.Throw<AbiDecodingException>(() => ChainlinkRoundData.Decode(Encode(1, BigInteger.One << 130, 1, 1, 1))).Message.ShouldContain("answer");
        Should.Throw<AbiDecodingException>(() => ChainlinkRoundData.Decode(Encode(1, 1, 1, BigInteger.One << 64, 1))).Message.ShouldContain("updatedAt");
        Should.Throw<AbiDecodingException>(() => ChainlinkRoundData.Decode(Encode(1, 1, 1, 1, BigInteger.One << 80))).Message.ShouldContain("answeredInRound");
    }

    [Fact]
    public void TryDecode_AllocatesNothing()
    {
        byte[] data = Encode(7, BigInteger.Parse("31250000000000000000"), 1_700_000_000, 1_700_000_100, 7);
        ChainlinkRoundData.TryDecode(data, out _); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = true;
        for (int i = 0; i < 1000; i++)
        {
            ok &= ChainlinkRoundData.TryDecode(data, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ok.ShouldBeTrue();
        allocated.ShouldBe(0);
    }

    [Theory]
    [InlineData("31250000000000000000", 18, "31.25")]
    [InlineData("1", 18, "0.000000000000000001")]
    [InlineData("350012345678", 8, "3500.12345678")]
    [InlineData("-42", 0, "-42")]
    [InlineData("79228162514264337593543950335", 0, "79228162514264337593543950335")]
    public void ToDecimal_IsExact(string answer, int decimals, string expected)
    {
        ChainlinkFeedReader.ToDecimal(Int128.Parse(answer), decimals).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToDecimal_BeyondDecimalPrecision_RoundsHalfEven()
    {
        // 30 decimals: 1.5e-28 rounds half-even to 2e-28; 2.5e-28 to 2e-28.
        ChainlinkFeedReader.ToDecimal(150, 30).ShouldBe(0.0000000000000000000000000002m);
        ChainlinkFeedReader.ToDecimal(250, 30).ShouldBe(0.0000000000000000000000000002m);
        ChainlinkFeedReader.ToDecimal(Int128.Parse("123456789012345678901234567890123"), 18).ShouldBe(123456789012345.67890123456789m);
    }

    [Fact]
    public void ToDecimal_IntegerPartTooLarge_IsNull()
    {
        ChainlinkFeedReader.ToDecimal(Int128.MaxValue, 0).ShouldBeNull();
    }
}
