using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>
/// Fetches token metadata from <c>ipfs://</c>, <c>ar://</c>, <c>data:</c> and <c>https://</c> URIs without letting the
/// URI reach the host's own network.
/// </summary>
/// <remarks>
/// <para>
/// A token URI is chosen by whoever deployed the contract, so it is untrusted. Before every connection, and again for
/// every redirect target (redirects are followed by hand), the host name is checked against local and cloud-metadata
/// names, resolved with DNS, and every resolved address is checked: loopback, private, link-local (including
/// 169.254.169.254), unspecified, multicast, broadcast, carrier-grade NAT, reserved ranges and the IPv4-mapped forms of
/// them are refused. The connection is then made to the vetted address only (a custom connect callback), so a DNS
/// answer that changes between the check and the connection (DNS rebinding) is not followed. No proxy is used.
/// </para>
/// <para>
/// The body is capped while it streams, the time per attempt is capped, the content must look like JSON (an HTML
/// error page is refused) and must nest no deeper than the limit. The resolver owns its HTTP handler because the
/// checks live in it; it does not accept an external <see cref="HttpClient"/>.
/// </para>
/// <para>This type is thread-safe. Dispose it to release its connections.</para>
/// </remarks>
public sealed class TokenMetadataResolver : IDisposable
{
    private static readonly HttpRequestOptionsKey<VettedEndpoint> VettedKey = new("NftCollateral.Metadata.VettedEndpoint");

    private readonly TokenMetadataResolverOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _dns;
    private readonly HttpClient _client;
    private readonly List<(string Host, int? Port)> _allowed;
    private readonly Uri[] _ipfsGateways;
    private readonly Uri _arweaveGateway;

    /// <summary>Initializes a new instance of the <see cref="TokenMetadataResolver"/> class.</summary>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for timeouts, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range or malformed.</exception>
    public TokenMetadataResolver(TokenMetadataResolverOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, null)
    {
    }

    /// <summary>Initializes a new instance with a replaceable DNS lookup (tests).</summary>
    internal TokenMetadataResolver(TokenMetadataResolverOptions? options, TimeProvider? timeProvider, Func<string, CancellationToken, Task<IPAddress[]>>? dns)
    {
        _options = options ?? new TokenMetadataResolverOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _dns = dns ?? ((host, token) => Dns.GetHostAddressesAsync(host, token));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.RequestTimeout, TimeSpan.Zero, nameof(options) + ".RequestTimeout");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxResponseBytes, 1, nameof(options) + ".MaxResponseBytes");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxJsonDepth, 1, nameof(options) + ".MaxJsonDepth");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxJsonDepth, 1000, nameof(options) + ".MaxJsonDepth");
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRedirects, nameof(options) + ".MaxRedirects");
        ArgumentNullException.ThrowIfNull(_options.IpfsGateways, nameof(options) + ".IpfsGateways");
        ArgumentNullException.ThrowIfNull(_options.AllowedHosts, nameof(options) + ".AllowedHosts");
        _ipfsGateways = [.. _options.IpfsGateways.Select(g => Gateway(g, nameof(options) + ".IpfsGateways"))];
        _arweaveGateway = Gateway(_options.ArweaveGateway, nameof(options) + ".ArweaveGateway");
        _allowed = [.. _options.AllowedHosts.Select(ParseAllowed)];

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectToVettedAddressAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Resolves a token URI to its metadata document.</summary>
    /// <param name="uri">
    /// The token URI: <c>ipfs://CID/path</c> (or <c>ipfs://ipfs/CID/path</c>), <c>ar://ID/path</c>,
    /// <c>data:application/json[;base64],…</c>, <c>https://…</c>, or <c>http://…</c> when allowed. The scheme is
    /// case-insensitive.
    /// </param>
    /// <param name="tokenId">
    /// The token id substituted for <c>{id}</c> (ERC-1155: 64 lowercase hex digits, zero-padded), or
    /// <see langword="null"/> when the URI has no template.
    /// </param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenId"/> is negative or above 2^256 − 1.</exception>
    /// <exception cref="MetadataResolutionException">The URI was refused or could not be resolved; <see cref="MetadataResolutionException.Kind"/> says why. For IPFS the error of the last gateway tried is thrown.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TokenMetadataDocument> ResolveAsync(string uri, BigInteger? tokenId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string text = uri.Trim();
        if (tokenId is BigInteger id)
        {
            text = text.Replace("{id}", Erc1155Id(id), StringComparison.Ordinal);
        }
        else if (text.Contains("{id}", StringComparison.Ordinal))
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, Redact(text), "the URI has an {id} template but no token id was given");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (text.Length == 0)
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, string.Empty, "the URI is empty");
        }

        if (StartsWith(text, "data:"))
        {
            byte[] bytes = DataUri.Decode(text, _options.MaxResponseBytes, Redact(text));
            return Parse(bytes, uri, text, Redact(text));
        }

        if (StartsWith(text, "ipfs://"))
        {
            string path = text["ipfs://".Length..];
            if (StartsWith(path, "ipfs/"))
            {
                path = path["ipfs/".Length..];
            }

            string relative = RelativePath(path, text);
            MetadataResolutionException? last = null;
            foreach (Uri gateway in _ipfsGateways)
            {
                try
                {
                    return await FetchAsync(new Uri(gateway, relative), uri, cancellationToken).ConfigureAwait(false);
                }
                catch (MetadataResolutionException ex)
                {
                    last = ex;
                }
            }

            throw last ?? new MetadataResolutionException(MetadataErrorKind.HttpError, Redact(text), "no IPFS gateway is configured");
        }

        if (StartsWith(text, "ar://"))
        {
            return await FetchAsync(new Uri(_arweaveGateway, RelativePath(text["ar://".Length..], text)), uri, cancellationToken).ConfigureAwait(false);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute))
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, Redact(text), "the URI is not an absolute URI");
        }

        CheckScheme(absolute);
        return await FetchAsync(absolute, uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the connections held by the resolver.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>Formats a token id as ERC-1155 substitutes it for <c>{id}</c>: 64 lowercase hex digits, zero-padded.</summary>
    internal static string Erc1155Id(BigInteger id)
    {
        if (id.Sign < 0 || id.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "An ERC-1155 token id must be between 0 and 2^256 - 1.");
        }

        return Convert.ToHexStringLower(id.ToByteArray(isUnsigned: true, isBigEndian: true)).PadLeft(64, '0');
    }

    /// <summary>The URI with user info, query and fragment removed, and a <c>data:</c> URI reduced to its header and length.</summary>
    internal static string Redact(string uri)
    {
        if (StartsWith(uri, "data:"))
        {
            int comma = uri.IndexOf(',', StringComparison.Ordinal);
            string header = comma < 0 ? uri : uri[..comma];
            if (header.Length > 64)
            {
                header = header[..64] + "…";
            }

            return $"{header},… ({uri.Length} chars)";
        }

        if (Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && parsed.IsAbsoluteUri && !string.IsNullOrEmpty(parsed.Host))
        {
            return Redact(parsed);
        }

        int scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && scheme < 16)
        {
            string rest = uri[(scheme + 3)..];
            int at = rest.IndexOf('@', StringComparison.Ordinal);
            int end = rest.IndexOfAny(['/', '?', '#']);
            if (at >= 0 && (end < 0 || at < end))
            {
                rest = rest[(at + 1)..];
            }

            int cut = rest.IndexOfAny(['?', '#']);
            rest = cut < 0 ? rest : rest[..cut];
            return Truncate(uri[..(scheme + 3)] + rest);
        }

        return $"(unparsable URI, {uri.Length} chars)";
    }

    private static string Redact(Uri uri) =>
        Truncate(uri.GetComponents(UriComponents.Scheme | UriComponents.Host | UriComponents.Port | UriComponents.Path, UriFormat.UriEscaped));

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static Uri Gateway(Uri? gateway, string name)
    {
        ArgumentNullException.ThrowIfNull(gateway, name);
        if (!gateway.IsAbsoluteUri || (gateway.Scheme != Uri.UriSchemeHttps && gateway.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(gateway.Query))
        {
            throw new ArgumentException($"A gateway must be an absolute http(s) URI without a query, not '{Redact(gateway.OriginalString)}'.", name);
        }

        return gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
    }

    private static (string Host, int? Port) ParseAllowed(string entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry);
        string value = entry.Trim();
        if (Uri.TryCreate("http://" + value, UriKind.Absolute, out Uri? parsed) && parsed.AbsolutePath == "/" && parsed.UserInfo.Length == 0 && parsed.Query.Length == 0)
        {
            bool hasPort = !parsed.IsDefaultPort || value.EndsWith(":80", StringComparison.Ordinal);
            return (NormalizeHost(parsed), hasPort ? parsed.Port : null);
        }

        throw new ArgumentException($"An allowed host must be 'host' or 'host:port', not '{value}'.", nameof(entry));
    }

    private static string NormalizeHost(Uri uri) => uri.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    // Turns "CID/path" into an escaped relative path that cannot leave the gateway's base path.
    private static string RelativePath(string path, string original)
    {
        int cut = path.IndexOfAny(['?', '#']);
        string query = cut < 0 ? string.Empty : path[cut..];
        string pathOnly = cut < 0 ? path : path[..cut];
        string[] segments = pathOnly.Split('/');
        if (segments[0].Length == 0 || !segments[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, Redact(original), "the content id must be a non-empty run of ASCII letters, digits, '-' and '_'");
        }

        var builder = new StringBuilder(path.Length + 16);
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = Uri.UnescapeDataString(segments[i]);
            if (segment is "." or ".." || segment.Contains('\\', StringComparison.Ordinal))
            {
                throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, Redact(original), "the path has a '.', '..' or '\\' segment");
            }

            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(segment));
        }

        return builder.Append(query.StartsWith('?') ? query : string.Empty).ToString();
    }

    private void CheckScheme(Uri uri)
    {
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && _options.AllowHttp))
        {
            return;
        }

        string reason = uri.Scheme == Uri.UriSchemeHttp
            ? "plain http is not allowed (set AllowHttp)"
            : $"scheme '{uri.Scheme}' is not supported (ipfs, ar, data, https{(_options.AllowHttp ? ", http" : string.Empty)})";
        throw new MetadataResolutionException(MetadataErrorKind.UnsupportedScheme, Redact(uri), reason);
    }

    private bool IsAllowListed(string host, int port)
    {
        foreach ((string allowedHost, int? allowedPort) in _allowed)
        {
            if (allowedHost == host && (allowedPort is null || allowedPort == port))
            {
                return true;
            }
        }

        return false;
    }

    // Checks the scheme, the host name and every address it resolves to; returns the one address to connect to.
    private async Task<VettedEndpoint> VetAsync(Uri uri, CancellationToken cancellationToken)
    {
        CheckScheme(uri);
        string host = NormalizeHost(uri);
        bool allowListed = IsAllowListed(host, uri.Port);
        string display = Redact(uri);
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            IPAddress literal = IPAddress.Parse(host);
            if (!allowListed && AddressPolicy.ForbiddenAddress(literal) is string why)
            {
                throw new MetadataResolutionException(MetadataErrorKind.ForbiddenAddress, display, why);
            }

            return new VettedEndpoint(uri.IdnHost, uri.Port, literal);
        }

        if (uri.HostNameType != UriHostNameType.Dns)
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidUri, display, "the host is not a DNS name or an IP address");
        }

        if (!allowListed && AddressPolicy.ForbiddenName(host) is string nameWhy)
        {
            throw new MetadataResolutionException(MetadataErrorKind.ForbiddenAddress, display, nameWhy);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _dns(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new MetadataResolutionException(MetadataErrorKind.HttpError, display, $"DNS lookup failed ({ex.SocketErrorCode})", innerException: ex);
        }

        if (addresses.Length == 0)
        {
            throw new MetadataResolutionException(MetadataErrorKind.HttpError, display, "DNS lookup returned no address");
        }

        if (!allowListed)
        {
            foreach (IPAddress address in addresses)
            {
                if (AddressPolicy.ForbiddenAddress(address) is string why)
                {
                    throw new MetadataResolutionException(MetadataErrorKind.ForbiddenAddress, display, $"the host resolves to a {why}");
                }
            }
        }

        return new VettedEndpoint(uri.IdnHost, uri.Port, addresses[0]);
    }

    private async Task<TokenMetadataDocument> FetchAsync(Uri start, string original, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Uri current = start;
        try
        {
            for (int redirects = 0; ; redirects++)
            {
                VettedEndpoint endpoint = await VetAsync(current, linked.Token).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.1));
                request.Options.Set(VettedKey, endpoint);
                using HttpResponseMessage response = await SendAsync(request, current, linked.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is Uri location)
                {
                    if (redirects >= _options.MaxRedirects)
                    {
                        throw new MetadataResolutionException(MetadataErrorKind.TooManyRedirects, Redact(current), $"more than {_options.MaxRedirects} redirects", response.StatusCode);
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new MetadataResolutionException(MetadataErrorKind.HttpError, Redact(current), $"HTTP {status} {response.ReasonPhrase}", response.StatusCode);
                }

                CheckContentType(response.Content.Headers.ContentType, current);
                byte[] body = await ReadCappedAsync(response, current, linked.Token).ConfigureAwait(false);
                return Parse(body, original, current.AbsoluteUri, Redact(current));
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new MetadataResolutionException(MetadataErrorKind.Timeout, Redact(current), $"no complete answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", innerException: ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is MetadataResolutionException refused)
                {
                    throw new MetadataResolutionException(refused.Kind, refused.Uri, refused.Reason, innerException: ex);
                }
            }

            throw new MetadataResolutionException(MetadataErrorKind.HttpError, Redact(uri), $"request failed ({ex.HttpRequestError})", innerException: ex);
        }
    }

    private static void CheckContentType(MediaTypeHeaderValue? contentType, Uri uri)
    {
        string? media = contentType?.MediaType?.ToLowerInvariant();

        // Gateways often serve JSON files without an extension as text/plain or octet-stream; the body is sniffed later.
        if (media is null or "application/json" or "text/json" or "text/plain" or "application/octet-stream" || media.EndsWith("+json", StringComparison.Ordinal))
        {
            return;
        }

        throw new MetadataResolutionException(MetadataErrorKind.NotJson, Redact(uri), $"content type '{media}' is not JSON");
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        int max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is long declared && declared > max)
        {
            throw new MetadataResolutionException(MetadataErrorKind.TooLarge, Redact(uri), $"declared length {declared} bytes exceeds the limit of {max} bytes");
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > max)
                {
                    throw new MetadataResolutionException(MetadataErrorKind.TooLarge, Redact(uri), $"the body exceeds the limit of {max} bytes");
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }

    private TokenMetadataDocument Parse(byte[] body, string original, string finalUri, string display)
    {
        ReadOnlySpan<byte> span = body;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        int first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || (span[first] != (byte)'{' && span[first] != (byte)'['))
        {
            throw new MetadataResolutionException(MetadataErrorKind.NotJson, display, first < 0 ? "the body is empty" : "the body does not start with a JSON object or array");
        }

        int limit = _options.MaxJsonDepth;
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = limit + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > limit)
                {
                    throw new MetadataResolutionException(MetadataErrorKind.TooDeep, display, $"the JSON nests deeper than {limit} levels");
                }
            }

            using JsonDocument document = JsonDocument.Parse(span.ToArray(), new JsonDocumentOptions { MaxDepth = limit });
            return new TokenMetadataDocument(original, finalUri, document.RootElement.Clone(), Encoding.UTF8.GetString(span));
        }
        catch (JsonException ex)
        {
            throw new MetadataResolutionException(MetadataErrorKind.NotJson, display, "malformed JSON", innerException: ex);
        }
        catch (ArgumentException ex)
        {
            throw new MetadataResolutionException(MetadataErrorKind.NotJson, display, "the body is not valid UTF-8", innerException: ex);
        }
    }

    /// <summary>
    /// Test-only last line of defence, set by the test assembly: consulted just before any socket connects, so that a
    /// regression in the checks above can never send a test's traffic off the machine. <see langword="null"/> in
    /// production.
    /// </summary>
    internal static Func<IPAddress, bool>? ConnectionGuardForTests { get; set; }

    private static async ValueTask<Stream> ConnectToVettedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Connect only to the address checked for this host and port; never resolve the name again.
        if (!context.InitialRequestMessage.Options.TryGetValue(VettedKey, out VettedEndpoint? vetted)
            || !string.Equals(vetted.Host.Trim('[', ']'), context.DnsEndPoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            || vetted.Port != context.DnsEndPoint.Port)
        {
            throw new MetadataResolutionException(MetadataErrorKind.ForbiddenAddress, context.DnsEndPoint.Host, "connection to an address that was not checked");
        }

        if (ConnectionGuardForTests is { } guard && !guard(vetted.Address))
        {
            throw new InvalidOperationException($"Test connection guard: refusing to connect to {vetted.Address}; tests may only reach loopback.");
        }

        var socket = new Socket(vetted.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(vetted.Address, vetted.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed record VettedEndpoint(string Host, int Port, IPAddress Address);
}
