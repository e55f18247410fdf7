using System.Numerics;
using System.Text;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Lending;

namespace NftCollateral.Sdk.Evm.Tests.Abi;

public class AbiCodecTests
{
    private static string Word(string hex) => hex.PadLeft(64, '0');

    private static string HexOf(byte[] data) => Convert.ToHexStringLower(data);

    [Fact]
    public void EncodeCall_SolidityDocsExample_baz_uint32_bool()
    {
        // From the Solidity ABI specification: baz(69, true).
        byte[] call = new AbiEncoder().UIntN(69, 32).Bool(true).EncodeCall(FunctionSelector.FromSignature("baz(uint32,bool)"));
        HexOf(call).ShouldBe("cdcd77c0" + Word("45") + Word("1"));
    }

    [Fact]
    public void Encode_String_HasOffsetLengthAndZeroPadding()
    {
        byte[] data = new AbiEncoder().Text("abc").ToArray();
        HexOf(data).ShouldBe(Word("20") + Word("3") + "616263".PadRight(64, '0'));
    }

    [Fact]
    public void Encode_StaticThenDynamic_OffsetsPointPastTheHead()
    {
        byte[] data = new AbiEncoder().UInt256(7).Text("").Bytes([1, 2]).ToArray();
        HexOf(data).ShouldBe(Word("7") + Word("60") + Word("80") + Word("0") + Word("2") + "0102".PadRight(64, '0'));
    }

    public static TheoryData<string> UIntEdgeValues => new() { "0", "1", "255", "18446744073709551616", UInt256.MaxValue.ToString() };

    [Theory]
    [MemberData(nameof(UIntEdgeValues))]
    public void UInt256_RoundTrips_EdgeValues(string value)
    {
        BigInteger v = BigInteger.Parse(value);
        byte[] data = new AbiEncoder().UInt256(v).ToArray();
        data.Length.ShouldBe(32);
        var reader = new AbiReader(data);
        reader.ReadUInt256().ShouldBe(v);
        reader.EnsureEnd();
    }

    [Fact]
    public void UInt256_MaxValue_IsAllOnes()
    {
        HexOf(new AbiEncoder().UInt256(UInt256.MaxValue).ToArray()).ShouldBe(new string('f', 64));
    }

    public static TheoryData<string> IntEdgeValues => new() { "0", "-1", "1", "-1000000000", UInt256.Int256MinValue.ToString(), UInt256.Int256MaxValue.ToString() };

    [Theory]
    [MemberData(nameof(IntEdgeValues))]
    public void Int256_RoundTrips_EdgeValues(string value)
    {
        BigInteger v = BigInteger.Parse(value);
        byte[] data = new AbiEncoder().Int256(v).ToArray();
        new AbiReader(data).ReadInt256().ShouldBe(v);
    }

    [Fact]
    public void Int256_NegativeValue_IsTwosComplement_AsStyleGuideVerified()
    {
        byte[] word = Convert.FromHexString(new string('f', 56) + "c4653600");
        new AbiReader(word).ReadInt256().ShouldBe(new BigInteger(-1_000_000_000));
        new AbiReader(word).ReadInt(128).ShouldBe((Int128)(-1_000_000_000));
        HexOf(new AbiEncoder().Int256(-1_000_000_000).ToArray()).ShouldBe(HexOf(word));
    }

    [Fact]
    public void Encoder_RefusesValuesOutsideTheirType()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new AbiEncoder().UInt256(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => new AbiEncoder().UInt256(UInt256.MaxValue + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new AbiEncoder().Int256(UInt256.Int256MaxValue + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new AbiEncoder().UIntN(BigInteger.One << 80, 80));
        Should.Throw<ArgumentException>(() => new AbiEncoder().FixedBytes(new byte[33]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("exactly thirty-two bytes long!!!")]
    [InlineData("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1234567890 — a long URI with ünïcödé and 🦍")]
    public void String_RoundTrips_EmptyShortWordAndLong(string text)
    {
        byte[] data = new AbiEncoder().Text(text).ToArray();
        data.Length.ShouldBe(64 + ((Encoding.UTF8.GetByteCount(text) + 31) / 32 * 32));
        var reader = new AbiReader(data);
        reader.ReadString().ShouldBe(text);
        reader.EnsureEnd();
    }

    [Fact]
    public void MixedTuple_RoundTrips()
    {
        Address a = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        byte[] data = new AbiEncoder().Address(a).Bool(false).Text("x").FixedBytes([0xde, 0xad]).Bytes([9, 8, 7]).ToArray();
        var reader = new AbiReader(data);
        reader.ReadAddress().ShouldBe(a);
        reader.ReadBool().ShouldBeFalse();
        reader.ReadString().ShouldBe("x");
        reader.ReadFixedBytes(2).ToArray().ShouldBe(new byte[] { 0xde, 0xad });
        reader.ReadBytes().ToArray().ShouldBe(new byte[] { 9, 8, 7 });
        reader.EnsureEnd();
    }

    [Fact]
    public void TupleArray_Aggregate3Layout_DecodesBack()
    {
        Address a = Address.Parse("0xde709f2102306220921060314715629080e2fb77");
        var elements = new[]
        {
            new AbiEncoder().Address(a).Bool(true).Bytes([1]),
            new AbiEncoder().Address(a).Bool(false).Bytes(new byte[40]),
            new AbiEncoder().Address(a).Bool(true).Bytes([]),
        };
        byte[] data = new AbiEncoder().TupleArray(elements).ToArray();

        var reader = new AbiReader(data);
        AbiReader array = reader.ReadArray(out int count);
        count.ShouldBe(3);
        int[] lengths = new int[3];
        bool[] flags = new bool[3];
        for (int i = 0; i < count; i++)
        {
            AbiReader tuple = array.ReadDynamicTuple();
            tuple.ReadAddress().ShouldBe(a);
            flags[i] = tuple.ReadBool();
            lengths[i] = tuple.ReadBytes().Length;
            array.Include(tuple);
        }

        reader.Include(array);
        reader.EnsureEnd();
        flags.ShouldBe(new[] { true, false, true });
        lengths.ShouldBe(new[] { 1, 40, 0 });
    }

    [Fact]
    public void Reader_ShortData_Throws()
    {
        var ex = Should.Throw<AbiDecodingException>(() => new AbiReader(new byte[31], "ownerOf(1)").ReadAddress());
        ex.Message.ShouldContain("ownerOf(1)");
        ex.Message.ShouldContain("short");
    }

    [Fact]
    public void RequireStaticLength_ShortAndOversized_Throw()
    {
        Should.Throw<AbiDecodingException>(() => AbiReader.RequireStaticLength(new byte[31], 1)).Message.ShouldContain("short");
        Should.Throw<AbiDecodingException>(() => AbiReader.RequireStaticLength(new byte[64], 1)).Message.ShouldContain("oversized");
        AbiReader.RequireStaticLength(new byte[32], 1);
    }

    [Fact]
    public void EnsureEnd_TrailingBytes_Throw()
    {
        byte[] data = [.. new AbiEncoder().Text("abc").ToArray(), .. new byte[32]];
        Should.Throw<AbiDecodingException>(() =>
        {
            var reader = new AbiReader(data);
            reader.ReadString();
            reader.EnsureEnd();
        }).Message.ShouldContain("left over");
    }

    [Fact]
    public void Address_WithDirtyPadding_Throws()
    {
        byte[] word = new byte[32];
        word[0] = 1;
        Should.Throw<AbiDecodingException>(() => new AbiReader(word).ReadAddress()).Message.ShouldContain("padding");
    }

    [Fact]
    public void Bool_OtherThanZeroOrOne_Throws()
    {
        byte[] word = new byte[32];
        word[31] = 2;
        Should.Throw<AbiDecodingException>(() => new AbiReader(word).ReadBool());
    }

    [Fact]
    public void NarrowInts_OutOfRange_Throw()
    {
        byte[] word = new byte[32];
        word[21] = 1; // 2^80
        Should.Throw<AbiDecodingException>(() => new AbiReader(word).ReadUInt(80));
        new AbiReader(word).ReadUInt(88).ShouldBe(UInt128.One << 80);

        byte[] badSign = Convert.FromHexString(new string('0', 32) + new string('f', 32)); // positive but top of int128 set
        Should.Throw<AbiDecodingException>(() => new AbiReader(badSign).ReadInt(128));
    }

    [Fact]
    public void String_OffsetOutsideData_Throws()
    {
        byte[] data = Convert.FromHexString(Word("40") + Word("0"));
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadString()).Message.ShouldContain("past the end");
    }

    [Fact]
    public void String_OffsetOffGrid_Throws()
    {
        byte[] data = Convert.FromHexString(Word("21") + Word("0") + Word("0"));
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadString()).Message.ShouldContain("grid");
    }

    [Fact]
    public void String_HugeLength_ThrowsWithoutAllocating()
    {
        byte[] data = Convert.FromHexString(Word("20") + Word("ffffffff") + Word("0"));
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadString()).Message.ShouldContain("truncated");
        byte[] giant = Convert.FromHexString(Word("20") + new string('f', 64));
        Should.Throw<AbiDecodingException>(() => new AbiReader(giant).ReadString());
    }

    [Fact]
    public void String_InvalidUtf8_Throws()
    {
        byte[] data = Convert.FromHexString(Word("20") + Word("2") + "c328".PadRight(64, '0'));
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadString()).Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void String_NonZeroPadding_Throws()
    {
        byte[] data = Convert.FromHexString(Word("20") + Word("1") + "41".PadRight(62, '0') + "01");
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadString()).Message.ShouldContain("padding");
    }

    [Fact]
    public void Array_CountBeyondData_Throws()
    {
        byte[] data = Convert.FromHexString(Word("20") + Word("5") + Word("20"));
        Should.Throw<AbiDecodingException>(() => new AbiReader(data).ReadArray(out _));
    }
}
