using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>A JSON-RPC 2.0 client over HTTP for Ethereum nodes: single requests and batches, strict response checks.</summary>
/// <remarks>
/// <para>
/// The <see cref="HttpClient"/> is injected and not disposed: create it with <c>IHttpClientFactory</c> or share one
/// instance. Put retries in its handler pipeline if wanted; this client makes exactly one HTTP exchange per request or
/// batch chunk and reports every fault as a typed <see cref="JsonRpcException"/>. Each exchange is bounded by
/// <see cref="JsonRpcClientOptions.Timeout"/>, reported as <see cref="JsonRpcErrorKind.Timeout"/>; the caller's
/// cancellation is reported as <see cref="OperationCanceledException"/>.
/// </para>
/// <para>Thread-safe: one instance serves concurrent callers.</para>
/// </remarks>
public sealed class JsonRpcClient : IJsonRpcClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;
    private readonly ulong? _expectedChainId;
    private readonly int _maxResponseBytes;
    private readonly int _maxBatchSize;
    private long _nextId;
    private volatile bool _chainVerified;

    /// <summary>Initializes a new instance of the <see cref="JsonRpcClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client (not disposed by this instance).</param>
    /// <param name="options">The settings; <see cref="JsonRpcClientOptions.Endpoint"/> or the client's base address must name the node.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No endpoint is set, the endpoint is not absolute http(s), or a limit is not positive.</exception>
    public JsonRpcClient(HttpClient httpClient, JsonRpcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        Uri endpoint = options.Endpoint ?? httpClient.BaseAddress
            ?? throw new ArgumentException("Set JsonRpcClientOptions.Endpoint or the HttpClient's BaseAddress to the node's URL.", nameof(options));
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The node URL must be an absolute http or https URL, but was '{Redact(endpoint)}'.", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"Timeout must be positive or infinite, but was {options.Timeout}.", nameof(options));
        }

        if (options.MaxResponseBytes <= 0 || options.MaxBatchSize <= 0)
        {
            throw new ArgumentException("MaxResponseBytes and MaxBatchSize must be positive.", nameof(options));
        }

        _http = httpClient;
        _endpoint = endpoint;
        _timeout = options.Timeout;
        _expectedChainId = options.ExpectedChainId;
        _maxResponseBytes = options.MaxResponseBytes;
        _maxBatchSize = options.MaxBatchSize;
    }

    /// <summary>Gets the node's host and port (never its path or query, which may hold an API key), for messages.</summary>
    public string EndpointDisplay => Redact(_endpoint);

    /// <inheritdoc/>
    public async Task<JsonElement> SendAsync(JsonRpcRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await VerifyChainAsync(request.Method, cancellationToken).ConfigureAwait(false);
        return await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JsonRpcResult>> SendBatchAsync(IReadOnlyList<JsonRpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        for (int i = 0; i < requests.Count; i++)
        {
            if (requests[i] is null)
            {
                throw new ArgumentException($"Request {i} of the batch is null.", nameof(requests));
            }
        }

        await VerifyChainAsync(requests[0].Method, cancellationToken).ConfigureAwait(false);
        var results = new JsonRpcResult[requests.Count];
        for (int start = 0; start < requests.Count; start += _maxBatchSize)
        {
            int count = Math.Min(_maxBatchSize, requests.Count - start);
            await SendChunkAsync(requests, start, count, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    internal static string Redact(Uri uri) => uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Authority}" : "(relative URL)";

    private async Task<JsonElement> SendCoreAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        long id = Interlocked.Increment(ref _nextId);
        byte[] body = Serialize([request], [id], single: true);
        using JsonDocument document = await ExchangeAsync(body, request.Method, cancellationToken).ConfigureAwait(false);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(request.Method, $"expected a JSON object but got {Describe(root)}");
        }

        return ReadResponse(root, request.Method, id).GetResultOrThrow();
    }

    private async Task SendChunkAsync(IReadOnlyList<JsonRpcRequest> requests, int start, int count, JsonRpcResult[] results, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = Interlocked.Increment(ref _nextId);
        }

        var chunk = new JsonRpcRequest[count];
        for (int i = 0; i < count; i++)
        {
            chunk[i] = requests[start + i];
        }

        string label = $"batch of {count} ({chunk[0].Method}{(count > 1 ? ", …" : string.Empty)})";
        byte[] body = Serialize(chunk, ids, single: false);
        using JsonDocument document = await ExchangeAsync(body, label, cancellationToken).ConfigureAwait(false);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            // A single error object answers the whole batch (a node or proxy without batch support).
            JsonRpcResult whole = ReadResponse(root, label, expectedId: null);
            throw whole.Error ?? Malformed(label, "a batch was answered with a single result object");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(label, $"expected a JSON array but got {Describe(root)}");
        }

        var byId = new Dictionary<long, int>(count);
        for (int i = 0; i < count; i++)
        {
            byId[ids[i]] = i;
        }

        var seen = new bool[count];
        foreach (JsonElement entry in root.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !TryReadId(entry, out long id) || !byId.TryGetValue(id, out int index))
            {
                throw Malformed(label, $"the batch response has an entry with a missing or unknown id: {Describe(entry)}");
            }

            if (seen[index])
            {
                throw Malformed(label, $"the batch response answers id {id} twice");
            }

            seen[index] = true;
            results[start + index] = ReadResponse(entry, chunk[index].Method, id);
        }

        for (int i = 0; i < count; i++)
        {
            if (!seen[i])
            {
                results[start + i] = JsonRpcResult.Failure(Malformed(chunk[i].Method, $"the batch response has no entry for id {ids[i]}"));
            }
        }
    }

    private async Task VerifyChainAsync(string method, CancellationToken cancellationToken)
    {
        if (_expectedChainId is not ulong expected || _chainVerified)
        {
            return;
        }

        JsonElement result = await SendCoreAsync(new JsonRpcRequest("eth_chainId"), cancellationToken).ConfigureAwait(false);
        ulong actual = EthRpc.ParseQuantity(result, "eth_chainId");
        if (actual != expected)
        {
            throw new JsonRpcException(
                JsonRpcErrorKind.ChainIdMismatch,
                method,
                string.Create(CultureInfo.InvariantCulture, $"the node at {EndpointDisplay} serves chain id {actual}, but chain id {expected} was expected"));
        }

        _chainVerified = true;
    }

    private async Task<JsonDocument> ExchangeAsync(byte[] body, string method, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeoutSource.CancelAfter(_timeout);
        }

        CancellationToken token = timeoutSource.Token;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = JsonMediaType;
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            ReadOnlyMemory<byte> payload = await ReadBodyAsync(response, method, token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return Parse(payload, method, status);
            }

            // Some nodes and gateways send a JSON-RPC error object with a 4xx/5xx status: report it as such when present.
            if (status != 429 && TryParseErrorObject(payload, method, status) is JsonRpcException rpcError)
            {
                throw rpcError;
            }

            TimeSpan? retryAfter = RetryAfter(response);
            JsonRpcErrorKind kind = status == 429 ? JsonRpcErrorKind.RateLimited : JsonRpcErrorKind.HttpStatus;
            string detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{EndpointDisplay} answered HTTP {status} {response.ReasonPhrase}{(retryAfter is { } r ? $" (Retry-After {r.TotalSeconds:0.###} s)" : string.Empty)}: {Snippet(payload)}");
            throw new JsonRpcException(kind, method, detail) { HttpStatusCode = status, RetryAfter = retryAfter };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JsonRpcException(
                JsonRpcErrorKind.Timeout,
                method,
                string.Create(CultureInfo.InvariantCulture, $"{EndpointDisplay} gave no complete answer within {_timeout.TotalSeconds:0.###} s"),
                new TimeoutException("The JSON-RPC exchange timed out.", ex));
        }
        catch (HttpRequestException ex)
        {
            throw new JsonRpcException(JsonRpcErrorKind.Transport, method, $"could not exchange with {EndpointDisplay}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new JsonRpcException(JsonRpcErrorKind.Transport, method, $"the connection to {EndpointDisplay} failed mid-response: {ex.Message}", ex);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared > _maxResponseBytes)
        {
            throw Malformed(method, string.Create(CultureInfo.InvariantCulture, $"the response declares {declared} bytes, more than the {_maxResponseBytes}-byte limit"));
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared is long length)
            {
                // The usual case: read straight into a buffer of the declared size, and check the body is complete.
                byte[] body = new byte[length];
                int filled = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled != length)
                {
                    throw new JsonRpcException(
                        JsonRpcErrorKind.Transport,
                        method,
                        string.Create(CultureInfo.InvariantCulture, $"the response from {EndpointDisplay} was cut off: {filled} of {length} bytes"));
                }

                return body;
            }

            var buffer = new ArrayBufferWriter<byte>(4096);
            while (true)
            {
                int read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > _maxResponseBytes)
                {
                    throw Malformed(method, string.Create(CultureInfo.InvariantCulture, $"the response exceeds the {_maxResponseBytes}-byte limit"));
                }
            }
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> payload, string method, int status)
    {
        try
        {
            return JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new JsonRpcException(JsonRpcErrorKind.MalformedResponse, method, $"the response is not JSON ({ex.Message.Split('.')[0]}): {Snippet(payload)}", ex)
            {
                HttpStatusCode = status,
            };
        }
    }

    private static JsonRpcException? TryParseErrorObject(ReadOnlyMemory<byte> payload, string method, int status)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
            {
                JsonRpcResult result = ReadResponse(root, method, expectedId: null);
                return result.Error is { } e ? WithStatus(e, status) : null;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static JsonRpcException WithStatus(JsonRpcException e, int status) => e is EvmRevertException
        ? e
        : new JsonRpcException(e.Kind, e.Method, e.Detail, e.InnerException)
        {
            Code = e.Code,
            RpcMessage = e.RpcMessage,
            ErrorData = e.ErrorData,
            HttpStatusCode = status,
        };

    private static JsonRpcResult ReadResponse(JsonElement response, string method, long? expectedId)
    {
        if (expectedId is long wanted && (!TryReadId(response, out long id) || id != wanted))
        {
            return JsonRpcResult.Failure(Malformed(method, string.Create(CultureInfo.InvariantCulture, $"the response id does not match the request id {wanted}: {Describe(response)}")));
        }

        bool hasResult = response.TryGetProperty("result", out JsonElement result);
        bool hasError = response.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null;
        if (hasError)
        {
            return JsonRpcResult.Failure(ErrorFrom(method, error));
        }

        return hasResult
            ? JsonRpcResult.Success(result.Clone())
            : JsonRpcResult.Failure(Malformed(method, $"the response has neither result nor error: {Describe(response)}"));
    }

    private static JsonRpcException ErrorFrom(string method, JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return Malformed(method, $"the error member is not an object: {Describe(error)}");
        }

        long? code = error.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out long v) ? v : null;
        string? text = error.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        JsonElement? data = error.TryGetProperty("data", out JsonElement d) ? d.Clone() : null;

        if (RevertData(code, text, data) is { } revert)
        {
            return new EvmRevertException(method, Abi.RevertReason.Decode(revert), text) { Code = code, ErrorData = data };
        }

        string detail = string.Create(CultureInfo.InvariantCulture, $"node error {code?.ToString(CultureInfo.InvariantCulture) ?? "(no code)"}: {Shorten(text ?? "(no message)")}");
        return new JsonRpcException(JsonRpcErrorKind.RpcError, method, detail) { Code = code, RpcMessage = text, ErrorData = data };
    }

    /// <summary>Finds revert data in an error object: code 3 (geth, anvil, reth), or an "execution reverted"/"revert" message.</summary>
    private static byte[]? RevertData(long? code, string? message, JsonElement? data)
    {
        bool looksLikeRevert = code == 3
            || (message is not null && (message.Contains("execution reverted", StringComparison.OrdinalIgnoreCase)
                || message.StartsWith("VM Exception while processing transaction: revert", StringComparison.OrdinalIgnoreCase)));
        if (!looksLikeRevert)
        {
            return null;
        }

        string? hex = data switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("data", out JsonElement inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        };
        if (hex is null)
        {
            return [];
        }

        try
        {
            return Hex.Decode(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static bool TryReadId(JsonElement response, out long id)
    {
        id = 0;
        if (!response.TryGetProperty("id", out JsonElement element))
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out id),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }

    private static byte[] Serialize(JsonRpcRequest[] requests, long[] ids, bool single)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * requests.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!single)
            {
                writer.WriteStartArray();
            }

            for (int i = 0; i < requests.Length; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", ids[i]);
                writer.WriteString("method", requests[i].Method);
                writer.WriteStartArray("params");
                foreach (var parameter in requests[i].Parameters)
                {
                    if (parameter is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        parameter.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (!single)
            {
                writer.WriteEndArray();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    internal static JsonRpcException Malformed(string method, string detail) => new(JsonRpcErrorKind.MalformedResponse, method, detail);

    private static string Describe(JsonElement element) => Shorten(element.GetRawText());

    private static string Snippet(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return "(empty body)";
        }

        string text = Encoding.UTF8.GetString(payload.Span[..Math.Min(payload.Length, 200)]);
        return Shorten(text);
    }

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 120));
        foreach (char c in text)
        {
            if (builder.Length >= 117)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
