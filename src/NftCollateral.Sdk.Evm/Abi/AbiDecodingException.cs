namespace NftCollateral.Sdk.Evm.Abi;

/// <summary>
/// Thrown when return data is not a valid ABI encoding of the expected types: too short, too long, an offset or length
/// pointing outside the data, a value with non-zero padding or out of its type's range, or invalid UTF-8 in a string.
/// </summary>
/// <remarks>The decoder never truncates, pads or zero-fills: it decodes the exact value or throws this exception.</remarks>
public sealed class AbiDecodingException : EvmException
{
    /// <summary>Initializes a new instance of the <see cref="AbiDecodingException"/> class.</summary>
    public AbiDecodingException()
        : this("The data is not a valid ABI encoding.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AbiDecodingException"/> class with a message.</summary>
    /// <param name="message">What is wrong, naming the value being decoded and the byte offset.</param>
    public AbiDecodingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AbiDecodingException"/> class with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AbiDecodingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
