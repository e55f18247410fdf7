namespace NftCollateral.Sdk.Evm;

/// <summary>The base of every chain-read failure in <c>NftCollateral.Sdk.Evm</c>: catch it to handle them all.</summary>
/// <remarks>
/// Derived types: <see cref="Rpc.JsonRpcException"/> (transport, node and JSON-RPC faults, reverts),
/// <see cref="Abi.AbiDecodingException"/> (return data that is not a valid encoding of the expected types) and
/// <see cref="Contracts.ContractReadException"/> (a contract read that cannot give a true answer). A caller's
/// cancellation is reported as <see cref="OperationCanceledException"/>, never as this exception.
/// </remarks>
public class EvmException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="EvmException"/> class.</summary>
    public EvmException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvmException"/> class with a message.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    public EvmException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvmException"/> class with a message and a cause.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public EvmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
