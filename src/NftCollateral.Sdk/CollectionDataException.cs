using System.Text;

namespace NftCollateral.Sdk;

/// <summary>
/// Thrown when collection data (a traits file, token metadata, a record) is malformed or cannot be used by the
/// requested method. The message is one line naming the source, the token and the field.
/// </summary>
/// <remarks>
/// Nothing is scored from data that raised this exception: the SDK never substitutes a default for bad input.
/// </remarks>
public sealed class CollectionDataException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="CollectionDataException"/> class.</summary>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="source">The file or stream name, when known.</param>
    /// <param name="tokenId">The token id (or a positional description such as <c>tokens[17]</c>), when known.</param>
    /// <param name="field">The field or trait at fault, when known.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public CollectionDataException(string reason, string? source = null, string? tokenId = null, string? field = null, Exception? innerException = null)
        : base(Format(reason, source, tokenId, field), innerException)
    {
        Reason = reason;
        Source = source;
        TokenId = tokenId;
        Field = field;
    }

    /// <summary>Initializes a new instance of the <see cref="CollectionDataException"/> class.</summary>
    public CollectionDataException()
        : this("invalid collection data")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CollectionDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public CollectionDataException(string message)
        : this(message, null, null, null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CollectionDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CollectionDataException(string message, Exception? innerException)
        : this(message, null, null, null, innerException)
    {
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets the file or stream the data came from, or <see langword="null"/> when unknown.</summary>
    public new string? Source { get; }

    /// <summary>Gets the token at fault, or <see langword="null"/> when the fault is not about one token.</summary>
    public string? TokenId { get; }

    /// <summary>Gets the field or trait at fault, or <see langword="null"/> when the fault is not about one field.</summary>
    public string? Field { get; }

    /// <summary>Returns a copy of this exception that names <paramref name="source"/> as the origin of the data.</summary>
    /// <param name="source">The file or stream name.</param>
    /// <returns>A new exception with the same reason, token and field.</returns>
    public CollectionDataException WithSource(string source) =>
        new(Reason, source, TokenId, Field, InnerException);

    private static string Format(string reason, string? source, string? tokenId, string? field)
    {
        var sb = new StringBuilder();
        if (source is not null)
        {
            sb.Append(source).Append(": ");
        }

        if (tokenId is not null)
        {
            sb.Append("token ").Append(tokenId).Append(": ");
        }

        if (field is not null)
        {
            sb.Append("field '").Append(field).Append("': ");
        }

        sb.Append(reason);
        return OneLine(sb.ToString());
    }

    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            : text;
}
