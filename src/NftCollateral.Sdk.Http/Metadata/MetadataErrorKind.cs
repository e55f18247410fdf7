namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>Why a token metadata URI was refused or could not be resolved.</summary>
public enum MetadataErrorKind
{
    /// <summary>The target host is, or resolves to, a loopback, private, link-local, cloud-metadata or otherwise non-public address.</summary>
    ForbiddenAddress,

    /// <summary>The URI scheme is not supported (or <c>http://</c> is used while it is not allowed), or a redirect changed to such a scheme.</summary>
    UnsupportedScheme,

    /// <summary>The document is larger than <see cref="TokenMetadataResolverOptions.MaxResponseBytes"/>.</summary>
    TooLarge,

    /// <summary>The request took longer than <see cref="TokenMetadataResolverOptions.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The server redirected more than <see cref="TokenMetadataResolverOptions.MaxRedirects"/> times.</summary>
    TooManyRedirects,

    /// <summary>The content is not JSON (for example an HTML error page) or is malformed JSON.</summary>
    NotJson,

    /// <summary>The JSON nests deeper than <see cref="TokenMetadataResolverOptions.MaxJsonDepth"/>.</summary>
    TooDeep,

    /// <summary>A <c>data:</c> URI is malformed: bad header, invalid base64 or invalid percent-encoding.</summary>
    InvalidDataUri,

    /// <summary>The server answered with a non-success status, or the connection or DNS lookup failed.</summary>
    HttpError,

    /// <summary>The URI is malformed, empty, or needs a token id that was not given.</summary>
    InvalidUri,
}
