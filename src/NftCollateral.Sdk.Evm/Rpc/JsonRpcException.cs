using System.Globalization;
using System.Text.Json;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>Why a JSON-RPC request failed.</summary>
public enum JsonRpcErrorKind
{
    /// <summary>The node answered with a JSON-RPC error object (see <see cref="JsonRpcException.Code"/>).</summary>
    RpcError = 0,

    /// <summary>The call reverted; the exception is an <see cref="EvmRevertException"/> with the decoded reason.</summary>
    Reverted = 1,

    /// <summary>The connection failed, was refused or was reset, or the body was cut off mid-read.</summary>
    Transport = 2,

    /// <summary>The server answered HTTP 429 (see <see cref="JsonRpcException.RetryAfter"/>).</summary>
    RateLimited = 3,

    /// <summary>The server answered another non-success HTTP status (5xx, 4xx) without a JSON-RPC error object.</summary>
    HttpStatus = 4,

    /// <summary>No complete answer arrived within the client's timeout. The caller's own cancellation is an <see cref="OperationCanceledException"/> instead.</summary>
    Timeout = 5,

    /// <summary>The response is not a valid JSON-RPC answer: not JSON (e.g. an HTML page), too large, a wrong or missing id, missing, duplicated or unknown batch entries, or a malformed result.</summary>
    MalformedResponse = 6,

    /// <summary>The node serves a different chain from the one the client was configured for.</summary>
    ChainIdMismatch = 7,

    /// <summary>The node answered <c>null</c> where a value is required (an unknown block, for instance).</summary>
    MissingResult = 8,
}

/// <summary>A failed JSON-RPC request: a transport fault, an HTTP status, a node error, a revert or a malformed answer.</summary>
/// <remarks>
/// The one-line message names the method and the fault; the endpoint's host is given but never its path or query,
/// which often hold API keys. Retry only the kinds that can succeed on retry: <see cref="JsonRpcErrorKind.Transport"/>,
/// <see cref="JsonRpcErrorKind.RateLimited"/>, <see cref="JsonRpcErrorKind.Timeout"/> and 5xx <see cref="JsonRpcErrorKind.HttpStatus"/>.
/// </remarks>
public class JsonRpcException : EvmException
{
    /// <summary>Initializes a new instance of the <see cref="JsonRpcException"/> class.</summary>
    /// <param name="kind">Why the request failed.</param>
    /// <param name="method">The JSON-RPC method, e.g. <c>eth_call</c>.</param>
    /// <param name="detail">What went wrong, in one line.</param>
    /// <param name="innerException">The cause, if any.</param>
    public JsonRpcException(JsonRpcErrorKind kind, string method, string detail, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"JSON-RPC {method} failed ({kind}): {detail}"), innerException)
    {
        Kind = kind;
        Method = method;
        Detail = detail;
    }

    /// <summary>Initializes a new instance of the <see cref="JsonRpcException"/> class.</summary>
    public JsonRpcException()
        : this(JsonRpcErrorKind.RpcError, "request", "the request failed")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JsonRpcException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public JsonRpcException(string message)
        : this(JsonRpcErrorKind.RpcError, "request", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JsonRpcException"/> class with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JsonRpcException(string message, Exception? innerException)
        : this(JsonRpcErrorKind.RpcError, "request", message, innerException)
    {
    }

    /// <summary>Gets why the request failed.</summary>
    public JsonRpcErrorKind Kind { get; }

    /// <summary>Gets the JSON-RPC method.</summary>
    public string Method { get; }

    /// <summary>Gets the one-line detail, without the method and kind.</summary>
    public string Detail { get; }

    /// <summary>Gets the JSON-RPC error code, for <see cref="JsonRpcErrorKind.RpcError"/> and <see cref="JsonRpcErrorKind.Reverted"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? Code { get; init; }

    /// <summary>Gets the node's error message, as sent.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RpcMessage { get; init; }

    /// <summary>Gets the error object's <c>data</c> member, as sent (a copy).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public JsonElement? ErrorData { get; init; }

    /// <summary>Gets the HTTP status of the response, when one arrived.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? HttpStatusCode { get; init; }

    /// <summary>Gets the delay the server asked for with <c>Retry-After</c>, when it sent one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the same request may succeed if retried later.</summary>
    public bool IsTransient => Kind is JsonRpcErrorKind.Transport or JsonRpcErrorKind.RateLimited or JsonRpcErrorKind.Timeout
        || (Kind == JsonRpcErrorKind.HttpStatus && HttpStatusCode is >= 500)
        || (Kind == JsonRpcErrorKind.RpcError && Code is -32005 or -32603);
}

/// <summary>An <c>eth_call</c> (or gas estimate) that reverted, with the decoded revert payload.</summary>
public sealed class EvmRevertException : JsonRpcException
{
    /// <summary>Initializes a new instance of the <see cref="EvmRevertException"/> class.</summary>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="reason">The decoded revert payload.</param>
    /// <param name="nodeMessage">The node's message, e.g. <c>execution reverted: feed paused</c>.</param>
    public EvmRevertException(string method, Abi.RevertReason reason, string? nodeMessage)
        : base(JsonRpcErrorKind.Reverted, method, "execution reverted: " + (reason ?? throw new ArgumentNullException(nameof(reason))))
    {
        Reason = reason;
        RpcMessage = nodeMessage;
    }

    /// <summary>Initializes a new instance of the <see cref="EvmRevertException"/> class.</summary>
    public EvmRevertException()
        : this("eth_call", Abi.RevertReason.Decode([]), null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvmRevertException"/> class with a message.</summary>
    /// <param name="message">The node's message.</param>
    public EvmRevertException(string message)
        : this("eth_call", Abi.RevertReason.Decode([]), message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvmRevertException"/> class with a message and a cause.</summary>
    /// <param name="message">The node's message.</param>
    /// <param name="innerException">The cause.</param>
    public EvmRevertException(string message, Exception? innerException)
        : base(JsonRpcErrorKind.Reverted, "eth_call", message, innerException)
    {
        Reason = Abi.RevertReason.Decode([]);
        RpcMessage = message;
    }

    /// <summary>Gets the decoded revert payload.</summary>
    public Abi.RevertReason Reason { get; }
}
