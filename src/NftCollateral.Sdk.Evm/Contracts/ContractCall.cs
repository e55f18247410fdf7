using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Contracts;

/// <summary>Runs one <c>eth_call</c> against a contract and turns every non-answer into a <see cref="ContractReadException"/>.</summary>
internal static class ContractCall
{
    /// <summary>Calls and returns non-empty return data; reverts and <c>0x</c> become typed errors.</summary>
    public static async Task<byte[]> ReadAsync(IJsonRpcClient rpc, Address contract, byte[] callData, string function, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = await rpc.CallAsync(new EthCallRequest(contract, callData), block, cancellationToken).ConfigureAwait(false);
        }
        catch (EvmRevertException ex)
        {
            throw Reverted(contract, function, ex.Reason, ex);
        }

        if (data.Length == 0)
        {
            throw await EmptyAsync(rpc, contract, function, block, cancellationToken).ConfigureAwait(false);
        }

        return data;
    }

    /// <summary>Reads one answer of a JSON-RPC batch of <c>eth_call</c>s with the same checks as <see cref="ReadAsync"/>.</summary>
    public static async Task<byte[]> FromBatchAsync(IJsonRpcClient rpc, JsonRpcResult result, Address contract, string function, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = EthRpc.ParseData(result.GetResultOrThrow(), "eth_call");
        }
        catch (EvmRevertException ex)
        {
            throw Reverted(contract, function, ex.Reason, ex);
        }

        if (data.Length == 0)
        {
            throw await EmptyAsync(rpc, contract, function, block, cancellationToken).ConfigureAwait(false);
        }

        return data;
    }

    public static ContractReadException Reverted(Address contract, string function, RevertReason reason, Exception? inner = null) =>
        new(ContractReadErrorKind.Reverted, contract, function, "the call reverted: " + reason, reason, inner);

    public static ContractReadException Malformed(Address contract, string function, AbiDecodingException ex) =>
        new(ContractReadErrorKind.MalformedReturnData, contract, function, ex.Message, null, ex);

    /// <summary>Tells "no contract at that address" from "the contract does not implement the function" with <c>eth_getCode</c>.</summary>
    public static async Task<ContractReadException> EmptyAsync(IJsonRpcClient rpc, Address contract, string function, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] code = await rpc.GetCodeAsync(contract, block, cancellationToken).ConfigureAwait(false);
        return code.Length == 0
            ? new ContractReadException(ContractReadErrorKind.NoContract, contract, function, $"the call returned 0x and there is no contract at {contract} (block {block})")
            : new ContractReadException(ContractReadErrorKind.EmptyReturn, contract, function, $"the call returned 0x: the contract at {contract} does not implement this function");
    }
}
