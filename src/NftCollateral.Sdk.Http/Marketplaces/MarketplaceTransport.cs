using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>
/// GET + JSON for one marketplace: the API key header, 429 handling with <c>Retry-After</c>, error mapping and cursor
/// paging with a page limit and loop detection. Messages name the path only, never the query or headers.
/// </summary>
internal sealed class MarketplaceTransport
{
    private readonly HttpClient _http;
    private readonly MarketplaceClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _base;

    public MarketplaceTransport(string source, HttpClient http, MarketplaceClientOptions options, TimeProvider time)
    {
        Source = source;
        _http = http;
        _options = options;
        _time = time;
        string root = options.BaseAddress.AbsoluteUri;
        _base = root.EndsWith('/') ? options.BaseAddress : new Uri(root + "/");
    }

    public string Source { get; }

    public MarketplaceClientOptions Options => _options;

    public TimeProvider Time => _time;

    public string EndpointOf(string path) => new Uri(_base, path).AbsolutePath;

    public MarketplaceApiException Error(MarketplaceErrorKind kind, string path, string detail, HttpStatusCode? status = null, Exception? inner = null) =>
        new(kind, Source, EndpointOf(path), status, detail, inner);

    /// <summary>Reads pages until the API gives no cursor; throws on a repeated cursor or after <see cref="MarketplaceClientOptions.MaxPages"/>.</summary>
    public async IAsyncEnumerable<TPage> GetPagesAsync<TPage>(
        string path,
        Func<string?, string> queryFor,
        JsonTypeInfo<TPage> typeInfo,
        Func<TPage, string?> nextCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (int page = 1; page <= _options.MaxPages; page++)
        {
            TPage body = await GetAsync(path, queryFor(cursor), typeInfo, cancellationToken).ConfigureAwait(false);
            yield return body;
            cursor = nextCursor(body);
            if (string.IsNullOrEmpty(cursor))
            {
                yield break;
            }

            if (!seen.Add(cursor))
            {
                throw Error(MarketplaceErrorKind.RepeatedCursor, path, string.Create(CultureInfo.InvariantCulture, $"page {page} returned a continuation cursor already seen; paging stopped to avoid a loop"));
            }
        }

        throw Error(MarketplaceErrorKind.PageLimitReached, path, string.Create(CultureInfo.InvariantCulture, $"read the maximum of {_options.MaxPages} pages and the API has more; the result would be truncated"));
    }

    /// <summary>One GET, retried on 429 within the budget, deserialized with <paramref name="typeInfo"/>.</summary>
    public async Task<T> GetAsync<T>(string path, string query, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var uri = new Uri(_base, path + query);
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.TryAddWithoutValidation("x-api-key", _options.ApiKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Error(MarketplaceErrorKind.Timeout, path, "the request timed out", inner: ex);
            }
            catch (HttpRequestException ex)
            {
                throw Error(MarketplaceErrorKind.Transport, path, "the request failed before an HTTP response", inner: ex);
            }

            TimeSpan wait;
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    return await ReadAsync(response, path, typeInfo, cancellationToken).ConfigureAwait(false);
                }

                TimeSpan? retryAfter = RetryAfter(response.Headers.RetryAfter);
                if (attempt >= _options.MaxRetries)
                {
                    throw new MarketplaceApiException(MarketplaceErrorKind.RateLimited, Source, EndpointOf(path), response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"still rate limited after {_options.MaxRetries} retries"))
                    {
                        RetryAfter = retryAfter,
                    };
                }

                // Without Retry-After: 1 s, 2 s, 4 s ... capped by MaxRetryAfter.
                wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 10)));
                if (retryAfter is null && wait > _options.MaxRetryAfter)
                {
                    wait = _options.MaxRetryAfter;
                }

                if (wait > _options.MaxRetryAfter)
                {
                    throw new MarketplaceApiException(MarketplaceErrorKind.RateLimited, Source, EndpointOf(path), response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"Retry-After asks for {wait.TotalSeconds:0.###} s, more than the allowed {_options.MaxRetryAfter.TotalSeconds:0.###} s"))
                    {
                        RetryAfter = retryAfter,
                    };
                }
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            TimeSpan until = date - _time.GetUtcNow();
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        return null;
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw Error(MarketplaceErrorKind.NotFound, path, "the API reports no such resource", response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Error(MarketplaceErrorKind.HttpError, path, "the API answered with an error status", response.StatusCode);
        }

        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(MarketplaceErrorKind.MalformedPayload, path, $"expected JSON, got content type '{mediaType}' (an error page?)", response.StatusCode);
        }

        T? value;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw Error(MarketplaceErrorKind.MalformedPayload, path, "the body is not valid JSON of the expected shape", response.StatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Error(MarketplaceErrorKind.Transport, path, "the connection failed while reading the body", response.StatusCode, ex);
        }
        catch (IOException ex)
        {
            throw Error(MarketplaceErrorKind.Transport, path, "the connection failed while reading the body", response.StatusCode, ex);
        }

        return value ?? throw Error(MarketplaceErrorKind.MalformedPayload, path, "the body is JSON null", response.StatusCode);
    }
}
