using System.Globalization;
using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Contracts;

/// <summary>The owner of one token read in a batch, or why it could not be read.</summary>
/// <param name="TokenId">The token id.</param>
/// <param name="Owner">The owner, or <see langword="null"/> when <see cref="Error"/> is set.</param>
/// <param name="Error">Why the owner could not be read (nonexistent token, revert, malformed data), or <see langword="null"/>.</param>
public sealed record TokenOwnerResult(BigInteger TokenId, Address? Owner, ContractReadException? Error);

/// <summary>Reads ERC-721 contracts: owners, token URIs, balances, name, symbol, supply, ERC-165 support and provenance.</summary>
/// <remarks>
/// <para>
/// Every read either returns the chain's exact answer or throws: <see cref="ContractReadException"/> for a contract-level
/// fault (no contract, revert, malformed return data, a token that does not exist) and <see cref="JsonRpcException"/>
/// for a transport or node fault. A zero-address owner is never returned; it means the token does not exist.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class Erc721Reader
{
    /// <summary>The ERC-165 interface id of ERC-721, <c>0x80ac58cd</c>.</summary>
    public const uint Erc721InterfaceId = 0x80ac58cd;

    /// <summary>The ERC-165 interface id of the ERC-721 metadata extension, <c>0x5b5e139f</c>.</summary>
    public const uint Erc721MetadataInterfaceId = 0x5b5e139f;

    /// <summary>The ERC-165 interface id of ERC-165 itself, <c>0x01ffc9a7</c>.</summary>
    public const uint Erc165InterfaceId = 0x01ffc9a7;

    /// <summary>The topic of <c>Transfer(address,address,uint256)</c>, shared by ERC-20 (3 topics) and ERC-721 (4 topics).</summary>
    public static readonly ReadOnlyMemory<byte> TransferTopic = Keccak256.HashUtf8("Transfer(address,address,uint256)");

    private static readonly FunctionSelector OwnerOf = FunctionSelector.FromSignature("ownerOf(uint256)");
    private static readonly FunctionSelector TokenUri = FunctionSelector.FromSignature("tokenURI(uint256)");
    private static readonly FunctionSelector BalanceOf = FunctionSelector.FromSignature("balanceOf(address)");
    private static readonly FunctionSelector Name = FunctionSelector.FromSignature("name()");
    private static readonly FunctionSelector Symbol = FunctionSelector.FromSignature("symbol()");
    private static readonly FunctionSelector TotalSupply = FunctionSelector.FromSignature("totalSupply()");
    private static readonly FunctionSelector SupportsInterface = FunctionSelector.FromSignature("supportsInterface(bytes4)");
    private static readonly FunctionSelector NonexistentTokenError = FunctionSelector.FromSignature("ERC721NonexistentToken(uint256)");

    private readonly IJsonRpcClient _rpc;
    private readonly Multicall3 _multicall;

    /// <summary>Initializes a new instance of the <see cref="Erc721Reader"/> class.</summary>
    /// <param name="rpc">The JSON-RPC client.</param>
    /// <param name="multicall">The Multicall3 used by <see cref="GetOwnersAsync"/>, or <see langword="null"/> for the canonical deployment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpc"/> is <see langword="null"/>.</exception>
    public Erc721Reader(IJsonRpcClient rpc, Multicall3? multicall = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        _multicall = multicall ?? new Multicall3(rpc);
    }

    /// <summary>Reads <c>ownerOf(tokenId)</c>.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="tokenId">The token id (uint256).</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The owner, never the zero address.</returns>
    /// <exception cref="ContractReadException">The token does not exist (<see cref="ContractReadErrorKind.NonexistentToken"/>), there is no contract, the call reverted or returned malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public async Task<Address> OwnerOfAsync(Address contract, BigInteger tokenId, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        string function = Function("ownerOf", tokenId);
        byte[] data;
        try
        {
            data = await ContractCall.ReadAsync(_rpc, contract, EncodeOwnerOf(tokenId), function, block, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractReadException ex) when (ex.Kind == ContractReadErrorKind.Reverted && IsNonexistent(ex.Revert!))
        {
            throw new ContractReadException(ContractReadErrorKind.NonexistentToken, contract, function, $"token {tokenId} does not exist ({ex.Revert})", ex.Revert, ex);
        }

        return DecodeOwner(contract, tokenId, function, data);
    }

    /// <summary>Reads <c>ownerOf</c> for many tokens in as few <c>eth_call</c>s as Multicall3 allows, all at one block.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="tokenIds">The token ids.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One result per token, in order; a token that cannot be read carries its own error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokenIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ContractReadException">Multicall3 itself is missing or answered malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public async Task<IReadOnlyList<TokenOwnerResult>> GetOwnersAsync(Address contract, IReadOnlyList<BigInteger> tokenIds, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var calls = new Multicall3Call[tokenIds.Count];
        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = new Multicall3Call(contract, EncodeOwnerOf(tokenIds[i]));
        }

        IReadOnlyList<Multicall3Result> outcomes = await _multicall.Aggregate3Async(calls, block, cancellationToken).ConfigureAwait(false);
        var results = new TokenOwnerResult[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            BigInteger id = tokenIds[i];
            Multicall3Result outcome = outcomes[i];
            ReadOnlySpan<byte> word = outcome.ReturnData.Span;
            if (outcome.Success && word.Length == 32 && !word[..12].ContainsAnyExcept((byte)0) && word[12..].ContainsAnyExcept((byte)0))
            {
                results[i] = new TokenOwnerResult(id, new Address(word[12..]), null); // the common case, without building messages
                continue;
            }

            string function = Function("ownerOf", id);
            if (!outcome.Success)
            {
                RevertReason reason = RevertReason.Decode(outcome.ReturnData.Span);
                ContractReadException error = IsNonexistent(reason)
                    ? new ContractReadException(ContractReadErrorKind.NonexistentToken, contract, function, $"token {id} does not exist ({reason})", reason)
                    : ContractCall.Reverted(contract, function, reason);
                results[i] = new TokenOwnerResult(id, null, error);
                continue;
            }

            if (outcome.ReturnData.IsEmpty)
            {
                results[i] = new TokenOwnerResult(id, null, new ContractReadException(
                    ContractReadErrorKind.EmptyReturn, contract, function, "the call returned no data inside Multicall3: no contract at that address, or ownerOf is not implemented"));
                continue;
            }

            try
            {
                results[i] = new TokenOwnerResult(id, DecodeOwner(contract, id, function, outcome.ReturnData.Span), null);
            }
            catch (ContractReadException ex)
            {
                results[i] = new TokenOwnerResult(id, null, ex);
            }
        }

        return results;
    }

    /// <summary>Reads <c>tokenURI(tokenId)</c>.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="tokenId">The token id.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The URI exactly as stored (possibly empty).</returns>
    /// <exception cref="ContractReadException">No contract, a revert (e.g. nonexistent token) or malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public Task<string> TokenUriAsync(Address contract, BigInteger tokenId, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ReadStringAsync(contract, new AbiEncoder().UInt256(RequireTokenId(tokenId)).EncodeCall(TokenUri), Function("tokenURI", tokenId), block, cancellationToken);

    /// <summary>Reads <c>name()</c>.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ContractReadException">No contract, a revert, no such function or malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public Task<string> NameAsync(Address contract, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ReadStringAsync(contract, new AbiEncoder().EncodeCall(Name), "name()", block, cancellationToken);

    /// <summary>Reads <c>symbol()</c>.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The symbol.</returns>
    /// <exception cref="ContractReadException">No contract, a revert, no such function or malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public Task<string> SymbolAsync(Address contract, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ReadStringAsync(contract, new AbiEncoder().EncodeCall(Symbol), "symbol()", block, cancellationToken);

    /// <summary>Reads <c>balanceOf(owner)</c>.</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="owner">The owner.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of tokens held.</returns>
    /// <exception cref="ContractReadException">No contract, a revert (e.g. the zero address) or malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public Task<BigInteger> BalanceOfAsync(Address contract, Address owner, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ReadUInt256Async(contract, new AbiEncoder().Address(owner).EncodeCall(BalanceOf), $"balanceOf({owner})", block, cancellationToken);

    /// <summary>Reads <c>totalSupply()</c> (ERC-721 Enumerable and most collections).</summary>
    /// <param name="contract">The collection.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The supply.</returns>
    /// <exception cref="ContractReadException">No contract, not implemented (<see cref="ContractReadErrorKind.EmptyReturn"/> or a revert), or malformed data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public Task<BigInteger> TotalSupplyAsync(Address contract, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        ReadUInt256Async(contract, new AbiEncoder().EncodeCall(TotalSupply), "totalSupply()", block, cancellationToken);

    /// <summary>
    /// Reads ERC-165 <c>supportsInterface(interfaceId)</c>. As EIP-165 specifies, a revert means "not supported"; a
    /// missing contract is still an error, and malformed return data is never read as <see langword="false"/>.
    /// </summary>
    /// <param name="contract">The contract.</param>
    /// <param name="interfaceId">The interface id, e.g. <see cref="Erc721InterfaceId"/>.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether the contract declares the interface.</returns>
    /// <exception cref="ContractReadException">No contract at the address, or malformed return data.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public async Task<bool> SupportsInterfaceAsync(Address contract, uint interfaceId, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        string function = string.Create(CultureInfo.InvariantCulture, $"supportsInterface(0x{interfaceId:x8})");
        Span<byte> id = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(id, interfaceId);
        byte[] data;
        try
        {
            data = await ContractCall.ReadAsync(_rpc, contract, new AbiEncoder().FixedBytes(id).EncodeCall(SupportsInterface), function, block, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractReadException ex) when (ex.Kind is ContractReadErrorKind.Reverted or ContractReadErrorKind.EmptyReturn)
        {
            return false;
        }

        try
        {
            AbiReader.RequireStaticLength(data, 1, $"{function} on {contract}");
            return new AbiReader(data, function).ReadBool();
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(contract, function, ex);
        }
    }

    /// <summary>
    /// Reads a token's provenance from its <c>Transfer</c> logs: mint block and transaction, transfers, distinct holders,
    /// and how long the current owner has held it. The last recipient is checked against <c>ownerOf</c>.
    /// </summary>
    /// <param name="contract">The collection.</param>
    /// <param name="tokenId">The token id.</param>
    /// <param name="fromBlock">The first block searched (the collection's deployment block saves requests).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The provenance at the latest block.</returns>
    /// <exception cref="ContractReadException">The token does not exist, or the logs contradict <c>ownerOf</c> (<see cref="ContractReadErrorKind.Inconsistent"/>; e.g. <paramref name="fromBlock"/> is after the last transfer).</exception>
    /// <exception cref="JsonRpcException">A request failed.</exception>
    public async Task<TokenProvenance> GetProvenanceAsync(Address contract, BigInteger tokenId, ulong fromBlock = 0, CancellationToken cancellationToken = default)
    {
        BlockHeader head = await _rpc.GetBlockAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        BlockParameter at = BlockParameter.AtNumber(head.Number);
        Address owner = await OwnerOfAsync(contract, tokenId, at, cancellationToken).ConfigureAwait(false);

        byte[] idTopic = new AbiEncoder().UInt256(RequireTokenId(tokenId)).ToArray();
        var filter = new LogFilter(fromBlock, head.Number, contract, [TransferTopic, null, null, idTopic]);
        IReadOnlyList<EvmLog> logs = await _rpc.GetLogsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);

        var transfers = new List<TokenTransfer>(logs.Count);
        foreach (EvmLog log in logs)
        {
            if (log.Removed)
            {
                continue;
            }

            if (log.Topics.Count != 4)
            {
                throw new ContractReadException(ContractReadErrorKind.Inconsistent, contract, "Transfer logs", $"a Transfer log in block {log.BlockNumber} has {log.Topics.Count} topics, not 4 (not an ERC-721 transfer)");
            }

            transfers.Add(new TokenTransfer(TopicAddress(contract, log, 1), TopicAddress(contract, log, 2), log.BlockNumber, log.TransactionHash, log.LogIndex));
        }

        transfers.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        string function = Function("provenance", tokenId);
        if (transfers.Count == 0 || transfers[^1].To != owner)
        {
            string last = transfers.Count == 0 ? "no Transfer log" : $"the last Transfer log (block {transfers[^1].BlockNumber}) goes to {transfers[^1].To}";
            throw new ContractReadException(
                ContractReadErrorKind.Inconsistent,
                contract,
                function,
                string.Create(CultureInfo.InvariantCulture, $"ownerOf says {owner} at block {head.Number} but {last} in blocks {fromBlock}..{head.Number}; search from an earlier block"));
        }

        TokenTransfer? mint = transfers[0].From.IsZero ? transfers[0] : null;
        TokenTransfer arrival = transfers[^1];
        BlockHeader arrivalBlock = arrival.BlockNumber == head.Number
            ? head
            : await _rpc.GetBlockAsync(BlockParameter.AtNumber(arrival.BlockNumber), cancellationToken).ConfigureAwait(false);
        var holders = new HashSet<Address>();
        foreach (TokenTransfer t in transfers)
        {
            if (!t.To.IsZero)
            {
                holders.Add(t.To);
            }
        }

        return new TokenProvenance(
            contract,
            tokenId,
            owner,
            head.Number,
            head.Timestamp,
            mint?.BlockNumber,
            mint?.TransactionHash,
            transfers.Count(t => !t.From.IsZero),
            holders.Count,
            arrival.BlockNumber,
            arrivalBlock.Timestamp,
            head.Timestamp - arrivalBlock.Timestamp,
            transfers);
    }

    private async Task<string> ReadStringAsync(Address contract, byte[] callData, string function, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data = await ContractCall.ReadAsync(_rpc, contract, callData, function, block, cancellationToken).ConfigureAwait(false);
        try
        {
            var reader = new AbiReader(data, $"{function} on {contract}");
            string text = reader.ReadString();
            reader.EnsureEnd();
            return text;
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(contract, function, ex);
        }
    }

    private async Task<BigInteger> ReadUInt256Async(Address contract, byte[] callData, string function, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data = await ContractCall.ReadAsync(_rpc, contract, callData, function, block, cancellationToken).ConfigureAwait(false);
        try
        {
            AbiReader.RequireStaticLength(data, 1, $"{function} on {contract}");
            return new AbiReader(data).ReadUInt256();
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(contract, function, ex);
        }
    }

    private static Address DecodeOwner(Address contract, BigInteger tokenId, string function, ReadOnlySpan<byte> data)
    {
        Address owner;
        try
        {
            AbiReader.RequireStaticLength(data, 1, $"{function} on {contract}");
            owner = new AbiReader(data, function).ReadAddress();
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(contract, function, ex);
        }

        return owner.IsZero
            ? throw new ContractReadException(ContractReadErrorKind.NonexistentToken, contract, function, $"ownerOf returned the zero address: token {tokenId} does not exist or was burned")
            : owner;
    }

    private static bool IsNonexistent(RevertReason reason) => (reason.Kind == RevertReasonKind.Custom && reason.Selector == NonexistentTokenError)
        || (reason.Kind == RevertReasonKind.Error && reason.Message is { } m
            && (m.Contains("nonexistent token", StringComparison.OrdinalIgnoreCase) || m.Contains("invalid token", StringComparison.OrdinalIgnoreCase)));

    private static byte[] EncodeOwnerOf(BigInteger tokenId) => new AbiEncoder().UInt256(RequireTokenId(tokenId)).EncodeCall(OwnerOf);

    private static BigInteger RequireTokenId(BigInteger tokenId) => tokenId.Sign >= 0 && tokenId.GetBitLength() <= 256
        ? tokenId
        : throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, "A token id is a uint256: 0 to 2^256 - 1.");

    private static string Function(string name, BigInteger tokenId) => string.Create(CultureInfo.InvariantCulture, $"{name}({tokenId})");

    private static Address TopicAddress(Address contract, EvmLog log, int index)
    {
        ReadOnlySpan<byte> topic = log.Topics[index].Span;
        if (topic[..12].ContainsAnyExcept((byte)0))
        {
            throw new ContractReadException(ContractReadErrorKind.Inconsistent, contract, "Transfer logs", $"topic {index} of a Transfer log in block {log.BlockNumber} is not an address");
        }

        return new Address(topic[12..]);
    }
}
