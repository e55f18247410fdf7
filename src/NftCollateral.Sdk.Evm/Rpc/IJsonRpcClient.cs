using System.Text.Json;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>Sends JSON-RPC 2.0 requests to an Ethereum node, singly or as a batch.</summary>
/// <remarks>
/// <para>
/// This is a plug point: <see cref="JsonRpcClient"/> implements it over an injected <see cref="HttpClient"/>, and an
/// adapter over another stack (Nethereum, a WebSocket, a provider SDK) can implement it instead. Every typed read in
/// this package (<see cref="EthRpc"/>, the ERC-721 reader, the Chainlink oracle, Multicall3) goes through these two methods.
/// </para>
/// <para>
/// Contract for implementations: throw <see cref="JsonRpcException"/> (or <see cref="EvmRevertException"/> for a
/// revert) for every fault; never return a default result. When <c>cancellationToken</c> is cancelled, throw
/// <see cref="OperationCanceledException"/>. Implementations must be thread-safe.
/// </para>
/// </remarks>
public interface IJsonRpcClient
{
    /// <summary>Sends one request and returns its <c>result</c> member.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The result (a detached copy; it may be the JSON <c>null</c>).</returns>
    /// <exception cref="JsonRpcException">The request failed; <see cref="JsonRpcException.Kind"/> says how.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<JsonElement> SendAsync(JsonRpcRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends requests as JSON-RPC batches and returns one outcome per request, in request order.</summary>
    /// <param name="requests">The requests.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One outcome per request, in the order given, whatever order the node answered in.</returns>
    /// <exception cref="JsonRpcException">The batch as a whole failed (transport, HTTP status, malformed or inconsistent response).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IReadOnlyList<JsonRpcResult>> SendBatchAsync(IReadOnlyList<JsonRpcRequest> requests, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of one request of a batch: a result or the error for that request.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class JsonRpcResult
{
    private readonly JsonElement _result;

    private JsonRpcResult(JsonElement result, JsonRpcException? error)
    {
        _result = result;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the request succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>Gets the error, or <see langword="null"/> on success.</summary>
    public JsonRpcException? Error { get; }

    /// <summary>Creates a successful outcome.</summary>
    /// <param name="result">The result element (detached).</param>
    /// <returns>The outcome.</returns>
    public static JsonRpcResult Success(JsonElement result) => new(result, null);

    /// <summary>Creates a failed outcome.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static JsonRpcResult Failure(JsonRpcException error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Returns the result, or throws the request's error.</summary>
    /// <returns>The result.</returns>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public JsonElement GetResultOrThrow() => Error is null ? _result : throw Error;
}
