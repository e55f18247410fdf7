using System.Numerics;

namespace NftCollateral.Sdk.Evm.Contracts;

/// <summary>One ERC-721 <c>Transfer</c> of a token; a mint comes from the zero address, a burn goes to it.</summary>
/// <param name="From">The sender (zero for a mint).</param>
/// <param name="To">The recipient (zero for a burn).</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="LogIndex">The log's index in the block.</param>
public sealed record TokenTransfer(Address From, Address To, ulong BlockNumber, string TransactionHash, ulong LogIndex);

/// <summary>A token's history from its <c>Transfer</c> logs, checked against <c>ownerOf</c> at the same block.</summary>
/// <param name="Contract">The collection.</param>
/// <param name="TokenId">The token id.</param>
/// <param name="Owner">The current owner (<c>ownerOf</c> at <paramref name="AtBlock"/>), equal to the last transfer's recipient.</param>
/// <param name="AtBlock">The block the provenance was read at.</param>
/// <param name="AtTime">That block's timestamp.</param>
/// <param name="MintBlock">The mint's block, or <see langword="null"/> when the mint lies before the searched range.</param>
/// <param name="MintTransaction">The mint's transaction hash, or <see langword="null"/>.</param>
/// <param name="TransferCount">The number of transfers after the mint (the mint itself is not counted).</param>
/// <param name="DistinctHolders">The number of distinct addresses that have held the token, the minter included.</param>
/// <param name="HeldSinceBlock">The block in which the current owner received the token.</param>
/// <param name="HeldSince">That block's timestamp.</param>
/// <param name="HeldFor">How long the current owner has held the token, to <paramref name="AtTime"/>.</param>
/// <param name="Transfers">Every transfer found, oldest first.</param>
public sealed record TokenProvenance(
    Address Contract,
    BigInteger TokenId,
    Address Owner,
    ulong AtBlock,
    DateTimeOffset AtTime,
    ulong? MintBlock,
    string? MintTransaction,
    int TransferCount,
    int DistinctHolders,
    ulong HeldSinceBlock,
    DateTimeOffset HeldSince,
    TimeSpan HeldFor,
    IReadOnlyList<TokenTransfer> Transfers);
