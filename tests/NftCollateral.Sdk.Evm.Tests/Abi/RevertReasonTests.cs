using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;

namespace NftCollateral.Sdk.Evm.Tests.Abi;

public class RevertReasonTests
{
    private static byte[] Error(string message) => new AbiEncoder().Text(message).EncodeCall(RevertReason.ErrorSelector);

    [Fact]
    public void Decode_ErrorString()
    {
        RevertReason reason = RevertReason.Decode(Error("feed paused"));
        reason.Kind.ShouldBe(RevertReasonKind.Error);
        reason.Message.ShouldBe("feed paused");
        reason.ToString().ShouldBe("Error(\"feed paused\")");
    }

    [Fact]
    public void Decode_ErrorString_Published_RequireMessageBytes()
    {
        // require(false, "Not enough Ether provided.") as the Solidity documentation shows it.
        byte[] data = Convert.FromHexString(
            "08c379a0" +
            "0000000000000000000000000000000000000000000000000000000000000020" +
            "000000000000000000000000000000000000000000000000000000000000001a" +
            "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
        RevertReason.Decode(data).Message.ShouldBe("Not enough Ether provided.");
    }

    [Theory]
    [InlineData(0x01, "assertion failed")]
    [InlineData(0x11, "arithmetic overflow or underflow")]
    [InlineData(0x12, "division or modulo by zero")]
    [InlineData(0x32, "array index out of bounds")]
    public void Decode_Panic(int code, string description)
    {
        RevertReason reason = RevertReason.Decode(new AbiEncoder().UInt256(code).EncodeCall(RevertReason.PanicSelector));
        reason.Kind.ShouldBe(RevertReasonKind.Panic);
        reason.PanicCode.ShouldBe(new BigInteger(code));
        reason.ToString().ShouldContain(description);
        reason.ToString().ShouldContain($"0x{code:x2}");
    }

    [Fact]
    public void Decode_CustomError_KeepsSelectorAndData()
    {
        FunctionSelector selector = FunctionSelector.FromSignature("ERC721NonexistentToken(uint256)");
        byte[] data = new AbiEncoder().UInt256(42).EncodeCall(selector);
        RevertReason reason = RevertReason.Decode(data);
        reason.Kind.ShouldBe(RevertReasonKind.Custom);
        reason.Selector.ShouldBe(selector);
        reason.Data.ToArray().ShouldBe(data);
        reason.ToString().ShouldContain(selector.ToString());
    }

    [Fact]
    public void Decode_Empty_And_Malformed_NeverThrow()
    {
        RevertReason.Decode([]).Kind.ShouldBe(RevertReasonKind.Empty);
        RevertReason.Decode([0x08, 0xc3, 0x79]).Kind.ShouldBe(RevertReasonKind.Malformed);
        byte[] truncatedError = Error("a long enough message to need a second word of payload")[..70];
        RevertReason.Decode(truncatedError).Kind.ShouldBe(RevertReasonKind.Malformed);
        byte[] shortPanic = new AbiEncoder().UInt256(0x11).EncodeCall(RevertReason.PanicSelector)[..20];
        RevertReason.Decode(shortPanic).Kind.ShouldBe(RevertReasonKind.Malformed);
    }
}
