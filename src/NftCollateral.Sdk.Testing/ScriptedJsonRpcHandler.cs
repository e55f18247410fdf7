using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Sdk.Testing;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that plays a JSON-RPC node for unit tests: each method is answered with a
/// scripted result (raw JSON) or error object; single requests and batches are both served, with the request ids.
/// </summary>
/// <remarks>
/// Thread-safe. An unscripted method gets the JSON-RPC error -32601 ("method not found"). Every request body received
/// is recorded in <see cref="Requests"/>; <see cref="HttpExchanges"/> counts HTTP round trips.
/// </remarks>
public sealed class ScriptedJsonRpcHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<JsonElement, string>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private int _exchanges;

    /// <summary>Gets the request bodies received, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests.ToArray();

    /// <summary>Gets the number of HTTP exchanges served.</summary>
    public int HttpExchanges => Volatile.Read(ref _exchanges);

    /// <summary>Answers <paramref name="method"/> with a fixed result.</summary>
    /// <param name="method">The JSON-RPC method, e.g. <c>eth_chainId</c>.</param>
    /// <param name="resultJson">The raw JSON of the result, e.g. <c>"0x1"</c> with the quotes.</param>
    /// <returns>This handler.</returns>
    public ScriptedJsonRpcHandler Answer(string method, string resultJson)
    {
        ArgumentNullException.ThrowIfNull(resultJson);
        return Answer(method, _ => resultJson);
    }

    /// <summary>Answers <paramref name="method"/> with a result computed from the request's <c>params</c> array.</summary>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="resultJson">Returns the raw JSON of the result for the given parameters.</param>
    /// <returns>This handler.</returns>
    public ScriptedJsonRpcHandler Answer(string method, Func<JsonElement, string> resultJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(resultJson);
        _answers[method] = p => "\"result\":" + resultJson(p);
        return this;
    }

    /// <summary>Answers <paramref name="method"/> with a JSON-RPC error object.</summary>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="code">The error code (e.g. 3 for a revert, -32005 for a limit).</param>
    /// <param name="message">The error message.</param>
    /// <param name="dataJson">The raw JSON of the <c>data</c> member (e.g. revert data as a quoted hex string), or <see langword="null"/>.</param>
    /// <returns>This handler.</returns>
    public ScriptedJsonRpcHandler Fail(string method, long code, string message, string? dataJson = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(message);
        string error = $"\"error\":{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message, ScriptedJsonContext.Default.String)}{(dataJson is null ? string.Empty : ",\"data\":" + dataJson)}}}";
        _answers[method] = _ => error;
        return this;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _exchanges);
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        _requests.Enqueue(body);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        string response = root.ValueKind == JsonValueKind.Array
            ? "[" + string.Join(",", root.EnumerateArray().Select(AnswerOne)) + "]"
            : AnswerOne(root);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(response, Encoding.UTF8, "application/json") };
    }

    private string AnswerOne(JsonElement request)
    {
        string id = request.TryGetProperty("id", out JsonElement i) ? i.GetRawText() : "null";
        string method = request.TryGetProperty("method", out JsonElement m) ? m.GetString() ?? string.Empty : string.Empty;
        JsonElement parameters = request.TryGetProperty("params", out JsonElement p) ? p : default;
        string member = _answers.TryGetValue(method, out Func<JsonElement, string>? answer)
            ? answer(parameters)
            : $"\"error\":{{\"code\":-32601,\"message\":{JsonSerializer.Serialize($"method {method} is not scripted", ScriptedJsonContext.Default.String)}}}";
        return $"{{\"jsonrpc\":\"2.0\",\"id\":{id},{member}}}";
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ScriptedJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
