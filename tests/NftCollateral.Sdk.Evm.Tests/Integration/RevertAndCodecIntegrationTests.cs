using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Lending;

namespace NftCollateral.Sdk.Evm.Tests.Integration;

/// <summary>The codec against the Solidity compiler's own encoder and decoder, through real calls.</summary>
[Collection(AnvilGroup.Name)]
public class RevertAndCodecIntegrationTests(AnvilFixture fixture)
{
    private async Task<byte[]> Call(string signature, AbiEncoder arguments) =>
        await fixture.Client().CallAsync(new EthCallRequest(fixture.Reverter, arguments.EncodeCall(FunctionSelector.FromSignature(signature))));

    [Fact]
    public async Task ErrorString_Revert_IsDecoded()
    {
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Call("revertWithReason(string)", new AbiEncoder().Text("collateral too low")));
        ex.Reason.Kind.ShouldBe(RevertReasonKind.Error);
        ex.Reason.Message.ShouldBe("collateral too low");
    }

    [Fact]
    public async Task EmptyRevert_IsDecodedAsEmpty()
    {
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Call("revertEmpty()", new AbiEncoder()));
        ex.Reason.Kind.ShouldBe(RevertReasonKind.Empty);
    }

    [Fact]
    public async Task Panic_IsDecodedWithItsCode()
    {
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Call("panicOverflow(uint256)", new AbiEncoder().UInt256(UInt256.MaxValue)));
        ex.Reason.Kind.ShouldBe(RevertReasonKind.Panic);
        ex.Reason.PanicCode.ShouldBe(new BigInteger(0x11));
    }

    [Fact]
    public async Task CustomError_KeepsSelectorAndDecodableArguments()
    {
        Address b = fixture.Account(3);
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Call("revertCustom(uint256,address)", new AbiEncoder().UInt256(77).Address(b)));
        ex.Reason.Kind.ShouldBe(RevertReasonKind.Custom);
        ex.Reason.Selector.ShouldBe(FunctionSelector.FromSignature("Custom(uint256,address)"));
        var reader = new AbiReader(ex.Reason.Data.Span[4..]);
        reader.ReadUInt256().ShouldBe(new BigInteger(77));
        reader.ReadAddress().ShouldBe(b);
        reader.EnsureEnd();
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("exactly thirty-two bytes long!!!")]
    [InlineData("a string long enough to need several words of tail data, with ünïcödé and emoji 🦍🦍 in it, and then some more text")]
    public async Task EchoString_RoundTripsThroughSolidity(string text)
    {
        byte[] data = await Call("echoString(string)", new AbiEncoder().Text(text));
        data.ShouldBe(new AbiEncoder().Text(text).ToArray()); // our encoder equals solc's
        var reader = new AbiReader(data);
        reader.ReadString().ShouldBe(text);
        reader.EnsureEnd();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    public async Task EchoBytes_RoundTripsThroughSolidity(int length)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1)).ToArray();
        byte[] data = await Call("echoBytes(bytes)", new AbiEncoder().Bytes(payload));
        data.ShouldBe(new AbiEncoder().Bytes(payload).ToArray());
        new AbiReader(data).ReadBytes().ToArray().ShouldBe(payload);
    }

    [Fact]
    public async Task ExtremeIntegers_FromSolidity_Decode()
    {
        new AbiReader(await Call("maxUint()", new AbiEncoder())).ReadUInt256().ShouldBe(UInt256.MaxValue);
        new AbiReader(await Call("minInt()", new AbiEncoder())).ReadInt256().ShouldBe(UInt256.Int256MinValue);
    }
}
