using System.Globalization;
using System.Numerics;

namespace NftCollateral.Sdk.Evm.Abi;

/// <summary>How a contract reverted.</summary>
public enum RevertReasonKind
{
    /// <summary>No revert data (<c>revert()</c>, a failed <c>require</c> without message, out of gas, an invalid opcode).</summary>
    Empty = 0,

    /// <summary><c>Error(string)</c>: a <c>require</c> or <c>revert</c> with a message.</summary>
    Error = 1,

    /// <summary><c>Panic(uint256)</c>: a failed <c>assert</c>, arithmetic overflow, division by zero, an out-of-bounds index, …</summary>
    Panic = 2,

    /// <summary>A custom error (any other selector), kept raw: <see cref="RevertReason.Selector"/> and <see cref="RevertReason.Data"/>.</summary>
    Custom = 3,

    /// <summary>Revert data shorter than a selector, or an <c>Error</c>/<c>Panic</c> payload that is not a valid encoding; kept raw.</summary>
    Malformed = 4,
}

/// <summary>A decoded revert payload: <c>Error(string)</c>, <c>Panic(uint256)</c>, a custom error kept raw, or nothing.</summary>
/// <remarks>Immutable and thread-safe. <see cref="Decode"/> never throws: data it cannot read is reported as <see cref="RevertReasonKind.Malformed"/>.</remarks>
public sealed class RevertReason
{
    /// <summary>The selector of <c>Error(string)</c>, <c>0x08c379a0</c>.</summary>
    public static readonly FunctionSelector ErrorSelector = new(0x08c379a0);

    /// <summary>The selector of <c>Panic(uint256)</c>, <c>0x4e487b71</c>.</summary>
    public static readonly FunctionSelector PanicSelector = new(0x4e487b71);

    private readonly byte[] _data;

    private RevertReason(RevertReasonKind kind, byte[] data, FunctionSelector? selector, string? message, BigInteger? panicCode)
    {
        Kind = kind;
        _data = data;
        Selector = selector;
        Message = message;
        PanicCode = panicCode;
    }

    /// <summary>Gets how the contract reverted.</summary>
    public RevertReasonKind Kind { get; }

    /// <summary>Gets the raw revert data, selector included.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>Gets the selector of the error, or <see langword="null"/> when the data is shorter than four bytes.</summary>
    public FunctionSelector? Selector { get; }

    /// <summary>Gets the message of an <c>Error(string)</c>, or <see langword="null"/> for other kinds.</summary>
    public string? Message { get; }

    /// <summary>Gets the code of a <c>Panic(uint256)</c> (e.g. <c>0x11</c> for arithmetic overflow), or <see langword="null"/>.</summary>
    public BigInteger? PanicCode { get; }

    /// <summary>Decodes revert data as returned by a node for a failed <c>eth_call</c>.</summary>
    /// <param name="data">The revert data (empty for a bare <c>revert()</c>).</param>
    /// <returns>The decoded reason.</returns>
    public static RevertReason Decode(ReadOnlySpan<byte> data)
    {
        byte[] copy = data.ToArray();
        if (data.Length == 0)
        {
            return new RevertReason(RevertReasonKind.Empty, copy, null, null, null);
        }

        if (data.Length < 4)
        {
            return new RevertReason(RevertReasonKind.Malformed, copy, null, null, null);
        }

        FunctionSelector selector = FunctionSelector.Read(data);
        ReadOnlySpan<byte> payload = data[4..];
        try
        {
            if (selector == ErrorSelector)
            {
                AbiReader reader = new(payload, "Error(string)");
                string message = reader.ReadString();
                reader.EnsureEnd();
                return new RevertReason(RevertReasonKind.Error, copy, selector, message, null);
            }

            if (selector == PanicSelector)
            {
                AbiReader.RequireStaticLength(payload, 1, "Panic(uint256)");
                AbiReader reader = new(payload);
                return new RevertReason(RevertReasonKind.Panic, copy, selector, null, reader.ReadUInt256());
            }
        }
        catch (AbiDecodingException)
        {
            return new RevertReason(RevertReasonKind.Malformed, copy, selector, null, null);
        }

        return new RevertReason(RevertReasonKind.Custom, copy, selector, null, null);
    }

    /// <summary>Describes a Solidity panic code, e.g. <c>arithmetic overflow or underflow</c> for <c>0x11</c>.</summary>
    /// <param name="code">The panic code.</param>
    /// <returns>The description, or <c>unknown panic code</c>.</returns>
    public static string DescribePanic(BigInteger code) => code.IsZero ? "generic compiler panic" : (int)BigInteger.Min(code, 0x100) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "corrupt storage byte array",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory (too large allocation)",
        0x51 => "call to an uninitialised internal function",
        _ => "unknown panic code",
    };

    private static string FormatCode(BigInteger code) => code <= 0xFF
        ? string.Create(CultureInfo.InvariantCulture, $"0x{(int)code:x2}")
        : "0x" + code.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    /// <summary>Returns a one-line description, e.g. <c>Error("feed paused")</c> or <c>Panic(0x11: arithmetic overflow or underflow)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        RevertReasonKind.Empty => "revert without data",
        RevertReasonKind.Error => $"Error(\"{Message}\")",
        RevertReasonKind.Panic => $"Panic({FormatCode(PanicCode!.Value)}: {DescribePanic(PanicCode.Value)})",
        RevertReasonKind.Custom => $"custom error {Selector} with {_data.Length - 4} bytes of arguments ({Hex.Shorten(Hex.Encode(_data))})",
        _ => $"malformed revert data {Hex.Shorten(Hex.Encode(_data))}",
    };
}
