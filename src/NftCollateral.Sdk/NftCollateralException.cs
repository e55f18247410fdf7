namespace NftCollateral.Sdk;

/// <summary>
/// The base of every exception the SDK throws for a remote or data fault (as opposed to a misuse of the API, which
/// raises the standard <see cref="ArgumentException"/> family).
/// </summary>
/// <remarks>Catch this type to handle every SDK fault in one place; catch a subtype to handle one kind differently.</remarks>
public class NftCollateralException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NftCollateralException"/> class.</summary>
    public NftCollateralException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NftCollateralException"/> class with a message.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    public NftCollateralException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NftCollateralException"/> class with a message and a cause.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NftCollateralException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
