using System.Text;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>
/// Thrown when a cash-flow or revenue file, or a position file, is malformed or cannot be used by the requested method
/// (for example a periodic function over irregularly spaced dates). The message is one line naming the source
/// (<c>file:line</c> for a CSV row), the field and the reason.
/// </summary>
/// <remarks>Nothing is computed from data that raised this exception: no default stands in for bad input.</remarks>
public sealed class CashFlowDataException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="CashFlowDataException"/> class.</summary>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="source">The file (and line, as <c>file:line</c>) the data came from, when known.</param>
    /// <param name="field">The field (CSV column or JSON property path) at fault, when known.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public CashFlowDataException(string reason, string? source, string? field, Exception? innerException = null)
        : base(Format(reason, source, field), innerException)
    {
        Reason = reason;
        Source = source;
        Field = field;
    }

    /// <summary>Initializes a new instance of the <see cref="CashFlowDataException"/> class.</summary>
    public CashFlowDataException()
        : this("invalid cash-flow data", null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CashFlowDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public CashFlowDataException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CashFlowDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CashFlowDataException(string message, Exception? innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets the file (as <c>file:line</c> for a CSV row) the data came from, or <see langword="null"/> when unknown.</summary>
    public new string? Source { get; }

    /// <summary>Gets the field at fault, or <see langword="null"/> when the fault is not about one field.</summary>
    public string? Field { get; }

    private static string Format(string reason, string? source, string? field)
    {
        var sb = new StringBuilder();
        if (source is not null)
        {
            sb.Append(source).Append(": ");
        }

        if (field is not null)
        {
            sb.Append("field '").Append(field).Append("': ");
        }

        sb.Append(reason);
        return sb.ToString().Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
