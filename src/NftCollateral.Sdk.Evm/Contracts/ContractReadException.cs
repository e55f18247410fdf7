namespace NftCollateral.Sdk.Evm.Contracts;

/// <summary>Why a contract read could not give a true answer.</summary>
public enum ContractReadErrorKind
{
    /// <summary>No contract is deployed at the address: the call returned <c>0x</c> and the address has no code.</summary>
    NoContract = 0,

    /// <summary>The contract exists but returned no data: it does not implement the function.</summary>
    EmptyReturn = 1,

    /// <summary>The call reverted; <see cref="ContractReadException.Revert"/> holds the decoded reason.</summary>
    Reverted = 2,

    /// <summary>The return data is not a valid encoding of the function's return types (short, oversized, bad padding, bad UTF-8).</summary>
    MalformedReturnData = 3,

    /// <summary>The token does not exist (ERC-721 <c>ownerOf</c> reverted with <c>ERC721NonexistentToken</c> or returned the zero address).</summary>
    NonexistentToken = 4,

    /// <summary>Facts read from the chain contradict each other (e.g. the last <c>Transfer</c> log's recipient is not the current owner).</summary>
    Inconsistent = 5,
}

/// <summary>A contract read that cannot give a true answer; the message names the contract, the function and the fault.</summary>
/// <remarks>Transport and node faults are <see cref="Rpc.JsonRpcException"/> instead; both derive from <see cref="EvmException"/>.</remarks>
public sealed class ContractReadException : EvmException
{
    /// <summary>Initializes a new instance of the <see cref="ContractReadException"/> class.</summary>
    /// <param name="kind">Why the read failed.</param>
    /// <param name="contract">The contract read.</param>
    /// <param name="function">The function, with its arguments, e.g. <c>ownerOf(7)</c>.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="revert">The decoded revert payload, for <see cref="ContractReadErrorKind.Reverted"/> and reverting <see cref="ContractReadErrorKind.NonexistentToken"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ContractReadException(ContractReadErrorKind kind, Address contract, string function, string detail, Abi.RevertReason? revert = null, Exception? innerException = null)
        : base($"{function} on {contract} failed ({kind}): {detail}", innerException)
    {
        Kind = kind;
        Contract = contract;
        Function = function;
        Detail = detail;
        Revert = revert;
    }

    /// <summary>Initializes a new instance of the <see cref="ContractReadException"/> class.</summary>
    public ContractReadException()
        : this("The contract read failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContractReadException"/> class with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public ContractReadException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContractReadException"/> class with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ContractReadException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = ContractReadErrorKind.Reverted;
        Function = "call";
        Detail = message;
    }

    /// <summary>Gets why the read failed.</summary>
    public ContractReadErrorKind Kind { get; }

    /// <summary>Gets the contract read.</summary>
    public Address Contract { get; }

    /// <summary>Gets the function, with its arguments.</summary>
    public string Function { get; }

    /// <summary>Gets what is wrong, without the contract and function.</summary>
    public string Detail { get; }

    /// <summary>Gets the decoded revert payload, when the call reverted.</summary>
    public Abi.RevertReason? Revert { get; }
}
