using System.Text.Json;

namespace NftCollateral.Evm.TestNode;

/// <summary>A JSON-RPC error answered by the node (for a revert, <see cref="ErrorData"/> holds the revert data).</summary>
public sealed class AnvilRpcException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="AnvilRpcException"/> class.</summary>
    public AnvilRpcException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AnvilRpcException"/> class.</summary>
    public AnvilRpcException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AnvilRpcException"/> class.</summary>
    public AnvilRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AnvilRpcException"/> class.</summary>
    public AnvilRpcException(string method, long code, string rpcMessage, JsonElement? errorData)
        : base($"{method}: JSON-RPC error {code}: {rpcMessage}{(errorData is { } d ? " data=" + d.GetRawText() : "")}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = errorData;
    }

    /// <summary>Gets the JSON-RPC method that failed.</summary>
    public string Method { get; } = "";

    /// <summary>Gets the JSON-RPC error code (3 for an execution revert).</summary>
    public long Code { get; }

    /// <summary>Gets the JSON-RPC error message.</summary>
    public string RpcMessage { get; } = "";

    /// <summary>Gets the error's <c>data</c> member, if any (revert data as 0x hex for reverts).</summary>
    public JsonElement? ErrorData { get; }
}
