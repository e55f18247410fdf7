using System.Net;

namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>A token metadata URI was refused or could not be resolved.</summary>
/// <remarks>
/// <see cref="Uri"/> and the message carry a redacted form of the URI: no user info, no query string (which may hold
/// gateway keys), no fragment, and only the media type and length of a <c>data:</c> URI.
/// </remarks>
public sealed class MetadataResolutionException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="MetadataResolutionException"/> class.</summary>
    /// <param name="kind">Why the URI was refused.</param>
    /// <param name="uri">The redacted URI at fault.</param>
    /// <param name="reason">What went wrong, without the URI.</param>
    /// <param name="statusCode">The HTTP status, for <see cref="MetadataErrorKind.HttpError"/> when the server answered.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public MetadataResolutionException(MetadataErrorKind kind, string uri, string reason, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base($"{kind}: {reason} ({uri})", innerException)
    {
        Kind = kind;
        Uri = uri;
        Reason = reason;
        StatusCode = statusCode;
    }

    /// <summary>Initializes a new instance of the <see cref="MetadataResolutionException"/> class.</summary>
    public MetadataResolutionException()
        : this(MetadataErrorKind.HttpError, string.Empty, "metadata resolution failed")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MetadataResolutionException"/> class with a message.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    public MetadataResolutionException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MetadataResolutionException"/> class with a message and a cause.</summary>
    /// <param name="message">A one-line description of the fault.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MetadataResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = MetadataErrorKind.HttpError;
        Uri = string.Empty;
        Reason = message;
    }

    /// <summary>Gets why the URI was refused.</summary>
    public MetadataErrorKind Kind { get; }

    /// <summary>Gets the redacted URI at fault (the one that failed, which may be a gateway URL or a redirect target).</summary>
    public string Uri { get; }

    /// <summary>Gets what went wrong, without the URI.</summary>
    public string Reason { get; }

    /// <summary>Gets the HTTP status the server answered with, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
