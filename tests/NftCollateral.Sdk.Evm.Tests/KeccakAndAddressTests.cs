using System.Security.Cryptography;
using System.Text;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Abi;

namespace NftCollateral.Sdk.Evm.Tests;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    [InlineData("Transfer(address,address,uint256)", "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    public void HashUtf8_PublishedVectors_Match(string input, string expected)
    {
        Convert.ToHexStringLower(Keccak256.HashUtf8(input)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("latestRoundData()", 0xfeaf968cu)]
    [InlineData("decimals()", 0x313ce567u)]
    [InlineData("description()", 0x7284e416u)]
    [InlineData("getRoundData(uint80)", 0x9a6fc8f5u)]
    [InlineData("Error(string)", 0x08c379a0u)]
    [InlineData("Panic(uint256)", 0x4e487b71u)]
    [InlineData("ownerOf(uint256)", 0x6352211eu)]
    [InlineData("supportsInterface(bytes4)", 0x01ffc9a7u)]
    [InlineData("aggregate3((address,bool,bytes)[])", 0x82ad56cbu)]
    public void FunctionSelector_KnownSignatures_MatchPublishedSelectors(string signature, uint selector)
    {
        FunctionSelector.FromSignature(signature).Value.ShouldBe(selector);
    }

    [Fact]
    public void HashData_IsNotFips202Sha3()
    {
        byte[] data = Encoding.ASCII.GetBytes("abc");
        if (SHA3_256.IsSupported)
        {
            Keccak256.HashData(data).ShouldNotBe(SHA3_256.HashData(data));
        }

        Keccak256.HashData(data).Length.ShouldBe(32);
    }

    [Fact]
    public void HashData_SpanAndArrayOverloads_Agree_AcrossRateBoundaries()
    {
        var random = new Random(7);
        foreach (int length in new[] { 0, 1, 135, 136, 137, 271, 272, 273, 1000 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] viaSpan = new byte[32];
            Keccak256.HashData(data, viaSpan);
            viaSpan.ToArray().ShouldBe(Keccak256.HashData(data), $"length {length}");
        }
    }

    [Fact]
    public void HashData_ShortDestination_Throws()
    {
        Should.Throw<ArgumentException>(() => Keccak256.HashData([1, 2], new byte[31]));
    }
}

public class AddressTests
{
    // EIP-55's own test vectors.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void Parse_Eip55Vectors_RoundTripToChecksummedForm(string checksummed)
    {
        Address.Parse(checksummed.ToLowerInvariant()).ToString().ShouldBe(checksummed);
        Address.Parse("0x" + checksummed[2..].ToUpperInvariant()).ToString().ShouldBe(checksummed);
        Address.Parse(checksummed).ToString().ShouldBe(checksummed);
    }

    [Fact]
    public void Parse_WrongMixedCaseChecksum_ThrowsNamingTheCorrectForm()
    {
        // One letter's case flipped in an EIP-55 vector.
        var ex = Should.Throw<FormatException>(() => Address.Parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        ex.Message.ShouldContain("checksum");
        ex.Message.ShouldContain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    [Fact]
    public void ParseChecksummed_RefusesUnchecksummedCase_AcceptsTheChecksummedForm()
    {
        Address.ParseChecksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").ToString().ShouldBe("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Should.Throw<FormatException>(() => Address.ParseChecksummed("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).Message.ShouldContain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Should.Throw<FormatException>(() => Address.ParseChecksummed("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"));
        Address.ParseChecksummed("0x0000000000000000000000000000000000000001").IsZero.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData(" 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    public void Parse_Malformed_Throws(string text)
    {
        Should.Throw<FormatException>(() => Address.Parse(text));
        Address.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Equality_IgnoresCase_And_ZeroIsDefault()
    {
        Address.Parse("0xde709f2102306220921060314715629080e2fb77").ShouldBe(Address.Parse("0xDE709F2102306220921060314715629080E2FB77"));
        default(Address).IsZero.ShouldBeTrue();
        Address.Zero.ToString().ShouldBe("0x0000000000000000000000000000000000000000");
        Address.Parse("0xde709f2102306220921060314715629080e2fb77").ToLowerInvariantHex().ShouldBe("0xde709f2102306220921060314715629080e2fb77");
    }

    [Fact]
    public void Bytes_RoundTrip()
    {
        byte[] bytes = Enumerable.Range(1, 20).Select(i => (byte)(i * 11)).ToArray();
        new Address(bytes).ToArray().ShouldBe(bytes);
        Should.Throw<ArgumentException>(() => new Address(new byte[19]));
    }
}

public class HexTests
{
    [Theory]
    [InlineData("0x", new byte[0])]
    [InlineData("0x00ff10", new byte[] { 0, 255, 16 })]
    [InlineData("0XAbCd", new byte[] { 0xab, 0xcd })]
    public void Decode_Valid(string text, byte[] expected) => Hex.Decode(text).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("00ff")]
    [InlineData("0x0")]
    [InlineData("0x0g")]
    [InlineData("0x 00")]
    public void Decode_Malformed_Throws(string text) => Should.Throw<FormatException>(() => Hex.Decode(text));

    [Theory]
    [InlineData("0x0", 0ul)]
    [InlineData("0x7a69", 31337ul)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void ParseQuantity_Valid(string text, ulong expected) => Hex.ParseQuantity(text).ShouldBe(expected);

    [Theory]
    [InlineData("0x")]
    [InlineData("7a69")]
    [InlineData("0x1ffffffffffffffff")]
    [InlineData("0x-1")]
    public void ParseQuantity_Malformed_Throws(string text) => Should.Throw<FormatException>(() => Hex.ParseQuantity(text));

    [Fact]
    public void FormatQuantity_HasNoLeadingZeros() => Hex.FormatQuantity(0).ShouldBe("0x0");
}
