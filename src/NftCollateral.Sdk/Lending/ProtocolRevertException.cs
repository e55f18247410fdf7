using System.Globalization;

namespace NftCollateral.Sdk.Lending;

/// <summary>How a protocol's contract reverts.</summary>
public enum RevertKind
{
    /// <summary><c>require(cond, "reason")</c> or <c>revert("reason")</c>: an <c>Error(string)</c> payload.</summary>
    Error = 0,

    /// <summary>A Solidity 0.8 panic, e.g. 0x11 arithmetic overflow or 0x12 division by zero.</summary>
    Panic = 1,

    /// <summary>A revert with empty return data (assembly <c>revert(0, 0)</c>, as in Aave v3's math libraries).</summary>
    Empty = 2,
}

/// <summary>
/// Thrown where the protocol's own contract would revert. The SDK reproduces the revert instead of clamping, so a
/// caller never acts on a figure the chain would refuse.
/// </summary>
public sealed class ProtocolRevertException : NftCollateralException
{
    /// <summary>Panic code of an arithmetic overflow or underflow.</summary>
    public const int ArithmeticPanic = 0x11;

    /// <summary>Panic code of a division or modulo by zero.</summary>
    public const int DivisionByZeroPanic = 0x12;

    /// <summary>Initializes a new instance of the <see cref="ProtocolRevertException"/> class.</summary>
    /// <param name="function">The protocol function that reverts, e.g. <c>BendDAO v1 WadRayMath.wadMul</c>.</param>
    /// <param name="kind">How it reverts.</param>
    /// <param name="reason">The <c>Error(string)</c> reason for <see cref="RevertKind.Error"/>; ignored otherwise.</param>
    /// <param name="panicCode">The panic code for <see cref="RevertKind.Panic"/>; ignored otherwise.</param>
    public ProtocolRevertException(string function, RevertKind kind, string? reason = null, int panicCode = 0)
        : base($"{function} reverts: {Describe(kind, reason, panicCode)}")
    {
        Function = function;
        Kind = kind;
        Reason = kind == RevertKind.Error ? reason ?? string.Empty : null;
        PanicCode = kind == RevertKind.Panic ? panicCode : null;
    }

    /// <summary>Initializes a new instance of the <see cref="ProtocolRevertException"/> class.</summary>
    public ProtocolRevertException()
        : this("protocol call", RevertKind.Empty)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProtocolRevertException"/> class.</summary>
    /// <param name="message">The function that reverts.</param>
    public ProtocolRevertException(string message)
        : this(message, RevertKind.Empty)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProtocolRevertException"/> class.</summary>
    /// <param name="message">The function that reverts.</param>
    /// <param name="innerException">Ignored cause.</param>
    public ProtocolRevertException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Function = message;
        Kind = RevertKind.Empty;
    }

    /// <summary>Gets the protocol function that reverts.</summary>
    public string Function { get; } = string.Empty;

    /// <summary>Gets how the function reverts.</summary>
    public RevertKind Kind { get; }

    /// <summary>Gets the <c>Error(string)</c> reason (e.g. BendDAO's <c>"200"</c>), for <see cref="RevertKind.Error"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets the panic code (e.g. <c>0x11</c>), for <see cref="RevertKind.Panic"/>.</summary>
    public int? PanicCode { get; }

    /// <summary>
    /// Gets the revert as the conformance vectors write it: the reason string, <c>Panic(0x11)</c>, or
    /// <c>revert (no data)</c>.
    /// </summary>
    public string RevertReason => Describe(Kind, Reason, PanicCode ?? 0);

    /// <summary>Creates the exception for an arithmetic-overflow panic (Solidity 0.8 checked arithmetic).</summary>
    /// <param name="function">The protocol function.</param>
    /// <returns>The exception.</returns>
    public static ProtocolRevertException Overflow(string function) => new(function, RevertKind.Panic, panicCode: ArithmeticPanic);

    /// <summary>Creates the exception for a division-by-zero panic.</summary>
    /// <param name="function">The protocol function.</param>
    /// <returns>The exception.</returns>
    public static ProtocolRevertException DivisionByZero(string function) => new(function, RevertKind.Panic, panicCode: DivisionByZeroPanic);

    private static string Describe(RevertKind kind, string? reason, int panicCode) => kind switch
    {
        RevertKind.Error => reason ?? string.Empty,
        RevertKind.Panic => string.Create(CultureInfo.InvariantCulture, $"Panic(0x{panicCode:x2})"),
        _ => "revert (no data)",
    };
}
