namespace NftCollateral.Sdk.Lending;

/// <summary>Where the lender's money comes from.</summary>
public enum LendingModel
{
    /// <summary>A pool lends against each NFT at protocol-set terms (BendDAO, Aave-style).</summary>
    PeerToPool = 0,

    /// <summary>One lender and one borrower agree fixed terms (NFTfi, Arcade, Blend).</summary>
    PeerToPeer = 1,

    /// <summary>A collection vault mints or lends against NFTs deposited into it (JPEG'd).</summary>
    CollectionPool = 2,
}

/// <summary>How interest accrues, as the protocol's contract computes it.</summary>
public enum InterestModel
{
    /// <summary>Per-second compounding by a three-term binomial (BendDAO v1, Aave v3 <c>calculateCompoundedInterest</c>).</summary>
    BinomialCompound = 0,

    /// <summary>Interest pro-rated linearly on elapsed time, capped at the agreed maximum repayment (NFTfi pro-rated).</summary>
    ProRatedCapped = 1,

    /// <summary>Simple interest on the balance since the last accrual, up to maturity (Arcade v4).</summary>
    ProRated = 2,

    /// <summary>Continuous compounding, <c>amount · exp(rate · t)</c> (Blend).</summary>
    Continuous = 3,

    /// <summary>Simple interest accrued on the vault's total debt when <c>accrue()</c> runs (JPEG'd).</summary>
    VaultSimple = 4,
}

/// <summary>How a position is closed when it fails.</summary>
public enum LiquidationStyle
{
    /// <summary>An English auction opened when debt exceeds the threshold, with a redeem window (BendDAO v1).</summary>
    Auction = 0,

    /// <summary>The lender takes the NFT after the term plus any grace period (NFTfi, Arcade).</summary>
    LenderClaim = 1,

    /// <summary>A refinancing Dutch auction on the rate; the lender seizes the NFT if nobody refinances (Blend).</summary>
    RefinancingAuction = 2,

    /// <summary>The vault liquidates at a fixed price once debt reaches the liquidation limit (JPEG'd).</summary>
    VaultLiquidation = 3,
}

/// <summary>
/// A lending protocol's published terms as data: the defaults the SDK uses when a caller gives none. Every figure can
/// be overridden with <c>with</c>; live positions should use parameters read from the chain at the evaluated block.
/// </summary>
/// <param name="Id">The short id used by the CLI (<c>benddao</c>, <c>aave-v3</c>, <c>jpegd</c>, <c>nftfi</c>, <c>arcade</c>, <c>blend</c>).</param>
/// <param name="Name">The protocol and version the figures and the math come from.</param>
/// <param name="Model">Where the money comes from.</param>
/// <param name="Interest">How interest accrues.</param>
/// <param name="Liquidation">How a failed position is closed.</param>
/// <param name="MaxLtvBps">Largest initial loan-to-value, in basis points (0 where the lender sets it per loan).</param>
/// <param name="LiquidationThresholdBps">Loan-to-value at which the position becomes liquidatable, in basis points (0 where there is none).</param>
/// <param name="LiquidationPenaltyBps">Penalty or bonus taken on liquidation, in basis points of the debt.</param>
/// <param name="GracePeriod">Time after the term before the lender may claim, or before an auction may end.</param>
/// <param name="AuctionDuration">Length of the liquidation or refinancing auction (zero where there is none).</param>
/// <param name="AdminFeeBps">Protocol fee on interest, in basis points of the interest.</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record ProtocolProfile(
    string Id,
    string Name,
    LendingModel Model,
    InterestModel Interest,
    LiquidationStyle Liquidation,
    int MaxLtvBps,
    int LiquidationThresholdBps,
    int LiquidationPenaltyBps,
    TimeSpan GracePeriod,
    TimeSpan AuctionDuration,
    int AdminFeeBps,
    string Source);

/// <summary>The built-in protocol profiles (shared/specs/lending.md §10, published parameters).</summary>
/// <remarks>Thread-safe: the profiles are immutable.</remarks>
public static class ProtocolProfiles
{
    /// <summary>BendDAO v1, class B collections (BAYC, CryptoPunks, ...): LTV 40%, liquidation threshold 90%, 4 h redeem and auction.</summary>
    public static ProtocolProfile BendDao { get; } = new(
        "benddao", "BendDAO v1", LendingModel.PeerToPool, InterestModel.BinomialCompound, LiquidationStyle.Auction,
        4000, 9000, 500, TimeSpan.FromHours(4), TimeSpan.FromHours(4), 0,
        "BendDAO/bend-lending-protocol@81c90c06 markets/bend/nftsConfigs.ts (class B; redeemFine 5%)");

    /// <summary>Aave v3 as the general pool reference: LTV 80%, liquidation threshold 82.5% (BendDAO's WETH reserve figures), 5% bonus.</summary>
    public static ProtocolProfile AaveV3 { get; } = new(
        "aave-v3", "Aave v3 core", LendingModel.PeerToPool, InterestModel.BinomialCompound, LiquidationStyle.Auction,
        8000, 8250, 500, TimeSpan.Zero, TimeSpan.Zero, 0,
        "aave/aave-v3-core@782f5191 GenericLogic; reserve figures from BendDAO reservesConfigs.ts (WETH)");

    /// <summary>JPEG'd CryptoPunks/BAYC vault after PIP-58: credit limit 60%, liquidation limit 70%.</summary>
    public static ProtocolProfile JpegD { get; } = new(
        "jpegd", "JPEG'd NFTVault", LendingModel.CollectionPool, InterestModel.VaultSimple, LiquidationStyle.VaultLiquidation,
        6000, 7000, 0, TimeSpan.Zero, TimeSpan.Zero, 50,
        "JPEG'd docs after PIP-58 (base rates; +10% boosts not applied); 0.5% organization fee");

    /// <summary>NFTfi V2.3 pro-rated loans: lender-set LTV, claim after the term, 5% admin fee on interest.</summary>
    public static ProtocolProfile NftFi { get; } = new(
        "nftfi", "NFTfi V2.3 DirectLoanProRatedOffer", LendingModel.PeerToPeer, InterestModel.ProRatedCapped, LiquidationStyle.LenderClaim,
        0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, 500,
        "NFTfi-Genesis/nftfi.eth@d7cc6896 (admin fee 500 bps in V2.3; 25 bps in V1)");

    /// <summary>Arcade v4: lender-set LTV, pro-rated interest, claim 10 minutes after the term.</summary>
    public static ProtocolProfile Arcade { get; } = new(
        "arcade", "Arcade v4 LoanCore", LendingModel.PeerToPeer, InterestModel.ProRated, LiquidationStyle.LenderClaim,
        0, 0, 0, TimeSpan.FromMinutes(10), TimeSpan.Zero, 0,
        "arcadexyz/arcade-protocol@061b1263 (GRACE_PERIOD = 10 minutes)");

    /// <summary>Blur Blend: callable loans, continuous compounding, refinancing auction of up to 432,000 blocks.</summary>
    public static ProtocolProfile Blend { get; } = new(
        "blend", "Blur Blend", LendingModel.PeerToPeer, InterestModel.Continuous, LiquidationStyle.RefinancingAuction,
        0, 0, 0, TimeSpan.Zero, TimeSpan.FromSeconds(432_000 * 12), 0,
        "Sabnock01/blur-v2@87bc5117 (auctionDuration <= 432,000 blocks; 12 s blocks assumed for the time figure)");

    /// <summary>Gets every built-in profile.</summary>
    public static IReadOnlyList<ProtocolProfile> All { get; } = [BendDao, AaveV3, JpegD, NftFi, Arcade, Blend];

    /// <summary>Finds a built-in profile by id (case-insensitive).</summary>
    /// <param name="id">The id, e.g. <c>benddao</c>.</param>
    /// <param name="profile">The profile, when found.</param>
    /// <returns><see langword="true"/> when the id is known.</returns>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProtocolProfile? profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
        return profile is not null;
    }
}
