using System.Numerics;

namespace NftCollateral.Sdk.Lending.BendDao;

/// <summary>
/// One asset's price feed in BendDAO v1's admin-pushed <c>NFTOracle</c> (<c>BendDAO/bend-lending-protocol @ 81c90c06 :
/// contracts/protocol/NFTOracle.sol</c>): the validity check of <c>setAssetData</c>, the TWAP of
/// <c>calculateTwapPrice</c> and the stored price of <c>getAssetPrice</c>, reproduced bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Feed it the on-chain history with <see cref="SetAssetData"/> (price in wei, block timestamp in Unix seconds) to know
/// what the contract reports. <see cref="GetAssetPrice"/> returns the TWAP <em>stored at the last accepted update</em>,
/// which excludes the price just pushed (it has weight now − ts = 0) and is not refreshed until the next update.
/// A rejected update throws <see cref="ProtocolRevertException"/> with the contract's reason and leaves the feed unchanged.
/// </para>
/// <para>The asset is implicitly registered and unpaused; admin and pause checks are not modelled.</para>
/// <para>Instances are mutable and not thread-safe: synchronise access when sharing one between threads.</para>
/// </remarks>
public sealed class BendDaoV1NftOracle
{
    /// <summary><c>"NFTOracle: incorrect timestamp"</c>: the update is not later than the last one.</summary>
    public const string IncorrectTimestampReason = "NFTOracle: incorrect timestamp";

    /// <summary><c>"NFTOracle: price can not be 0"</c>.</summary>
    public const string ZeroPriceReason = "NFTOracle: price can not be 0";

    /// <summary><c>"NFTOracle: invalid price data"</c>: the update fails the deviation/time rules.</summary>
    public const string InvalidPriceDataReason = "NFTOracle: invalid price data";

    /// <summary><c>"NFTOracle: no price data"</c>: <c>getAssetPrice</c> on an empty feed.</summary>
    public const string NoPriceDataReason = "NFTOracle: no price data";

    /// <summary><c>"NFTOracle: Not enough history"</c>: <c>calculateTwapPrice</c> on an empty feed.</summary>
    public const string NotEnoughHistoryReason = "NFTOracle: Not enough history";

    /// <summary><c>"NFTOracle: interval can't be 0"</c>: <c>calculateTwapPrice</c> with a zero TWAP interval.</summary>
    public const string ZeroIntervalReason = "NFTOracle: interval can't be 0";

    /// <summary><c>DECIMAL_PRECISION</c>: deviations are fractions in wad (1e18 = 100 %).</summary>
    public static readonly BigInteger DecimalPrecision = BendDaoV1Math.Wad;

    private const string Contract = "BendDAO v1 NFTOracle.";

    private readonly List<BendDaoV1NftPriceRecord> _records = [];
    private BendDaoV1NftOracleParameters _parameters;

    /// <summary>Initializes a new instance of the <see cref="BendDaoV1NftOracle"/> class with an empty feed.</summary>
    /// <param name="parameters">The oracle's validity and TWAP parameters (<c>initialize</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a uint256.</exception>
    public BendDaoV1NftOracle(BendDaoV1NftOracleParameters parameters)
    {
        _parameters = Validate(parameters);
    }

    /// <summary>
    /// Gets or sets the oracle's parameters. Setting them mirrors the owner's <c>setDataValidityParameters</c> and
    /// <c>setTwapInterval</c>: the feed and the stored TWAP are kept.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a uint256.</exception>
    public BendDaoV1NftOracleParameters Parameters
    {
        get => _parameters;
        set => _parameters = Validate(value);
    }

    /// <summary>Gets the accepted updates, oldest first (<c>nftPriceFeedMap[nft].nftPriceData</c>).</summary>
    public IReadOnlyList<BendDaoV1NftPriceRecord> PriceFeed => _records;

    /// <summary>Gets the TWAP stored by the last accepted update (<c>twapPriceMap[nft]</c>), in wei; 0 before the first one.</summary>
    public BigInteger StoredTwapPrice { get; private set; }

    /// <summary>
    /// <c>getLatestTimestamp</c>: the timestamp of the last accepted update, Unix seconds; 0 when the feed is empty.
    /// </summary>
    /// <returns>The latest timestamp.</returns>
    public BigInteger GetLatestTimestamp() => _records.Count == 0 ? BigInteger.Zero : _records[^1].Timestamp;

    /// <summary>
    /// <c>setAssetData</c> at <paramref name="blockTimestamp"/>: checks the update, appends it and stores the TWAP
    /// computed at that same timestamp. Checks, in order: timestamp &gt; latest, price &gt; 0, and
    /// <see cref="CheckValidityOfPrice"/>.
    /// </summary>
    /// <param name="price">The new price, in wei (uint256).</param>
    /// <param name="blockTimestamp">The block timestamp of the update, Unix seconds (uint256).</param>
    /// <returns>The stored TWAP after the update, in wei.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// The contract rejects the update: <see cref="IncorrectTimestampReason"/>, <see cref="ZeroPriceReason"/>,
    /// <see cref="InvalidPriceDataReason"/>, <see cref="ZeroIntervalReason"/>, or <c>Panic(0x11)</c> on an overflow. The
    /// feed is then unchanged.
    /// </exception>
    public BigInteger SetAssetData(BigInteger price, BigInteger blockTimestamp)
    {
        UInt256.Require(price, nameof(price));
        UInt256.Require(blockTimestamp, nameof(blockTimestamp));
        const string function = Contract + "setAssetData";
        if (blockTimestamp <= GetLatestTimestamp())
        {
            throw new ProtocolRevertException(function, RevertKind.Error, IncorrectTimestampReason);
        }

        if (price.IsZero)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, ZeroPriceReason);
        }

        if (!CheckValidityOfPrice(price, blockTimestamp))
        {
            throw new ProtocolRevertException(function, RevertKind.Error, InvalidPriceDataReason);
        }

        _records.Add(new BendDaoV1NftPriceRecord(_records.Count, price, blockTimestamp));
        try
        {
            StoredTwapPrice = CalculateTwapPrice(blockTimestamp);
        }
        catch (ProtocolRevertException)
        {
            // The transaction reverts as a whole.
            _records.RemoveAt(_records.Count - 1);
            throw;
        }

        return StoredTwapPrice;
    }

    /// <summary>
    /// <c>checkValidityOfPrice</c>: whether an update passes the deviation rules. Always valid on an empty feed or at
    /// the last price. Otherwise, with dev = ⌊|price − last| · 1e18 / last⌋ and Δt = timestamp − lastTimestamp, it is
    /// invalid when dev &gt; maxPriceDeviation, when Δt &lt; minUpdateTime, or when dev &gt; maxPriceDeviationWithTime
    /// and Δt &lt; timeIntervalWithPrice.
    /// </summary>
    /// <param name="price">The candidate price, in wei (uint256).</param>
    /// <param name="timestamp">The candidate's block timestamp, Unix seconds (uint256; not before the latest update).</param>
    /// <returns><see langword="true"/> when the contract would accept the price data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when the deviation overflows or the timestamp is before the latest update.</exception>
    public bool CheckValidityOfPrice(BigInteger price, BigInteger timestamp)
    {
        UInt256.Require(price, nameof(price));
        UInt256.Require(timestamp, nameof(timestamp));
        const string function = Contract + "checkValidityOfPrice";
        if (_records.Count == 0)
        {
            return true;
        }

        BendDaoV1NftPriceRecord last = _records[^1];
        if (price == last.Price)
        {
            return true;
        }

        BigInteger difference = price > last.Price ? price - last.Price : last.Price - price;
        BigInteger percentDeviation = UInt256.Checked(difference * DecimalPrecision, function) / last.Price;
        BigInteger timeDeviation = UInt256.Checked(timestamp - last.Timestamp, function);
        BendDaoV1NftOracleParameters p = _parameters;
        if (percentDeviation > p.MaxPriceDeviation)
        {
            return false;
        }

        if (timeDeviation < p.MinUpdateTime)
        {
            return false;
        }

        return !(percentDeviation > p.MaxPriceDeviationWithTime && timeDeviation < p.TimeIntervalWithPrice);
    }

    /// <summary>
    /// <c>calculateTwapPrice</c> read at <paramref name="blockTimestamp"/>: with base = now − twapInterval, the latest price
    /// when it is older than base or the only record; otherwise each price weighted by the seconds it was in force within
    /// (base, now], the oldest clipped at base, divided by twapInterval, or by the time covered when the history runs out.
    /// </summary>
    /// <param name="blockTimestamp">The block timestamp of the read, Unix seconds (uint256).</param>
    /// <returns>The time-weighted average price, in wei (floor).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockTimestamp"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <see cref="ZeroIntervalReason"/>, <see cref="NotEnoughHistoryReason"/>, or <c>Panic(0x11)</c> when
    /// <paramref name="blockTimestamp"/> is before twapInterval or before the latest update, or a sum or product overflows.
    /// </exception>
    public BigInteger CalculateTwapPrice(BigInteger blockTimestamp)
    {
        UInt256.Require(blockTimestamp, nameof(blockTimestamp));
        const string function = Contract + "calculateTwapPrice";
        BigInteger interval = _parameters.TwapInterval;
        if (interval.IsZero)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, ZeroIntervalReason);
        }

        if (_records.Count == 0)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, NotEnoughHistoryReason);
        }

        int round = _records.Count - 1;
        BendDaoV1NftPriceRecord record = _records[round];
        BigInteger latestTimestamp = record.Timestamp;
        BigInteger baseTimestamp = UInt256.Checked(blockTimestamp - interval, function);
        if (latestTimestamp < baseTimestamp || round == 0)
        {
            return record.Price;
        }

        BigInteger cumulativeTime = UInt256.Checked(blockTimestamp - latestTimestamp, function);
        BigInteger previousTimestamp = latestTimestamp;
        BigInteger weightedPrice = UInt256.Checked(record.Price * cumulativeTime, function);
        while (true)
        {
            if (round == 0)
            {
                // The history is shorter than the interval: average over the time it covers.
                return UInt256.Divide(weightedPrice, cumulativeTime, function);
            }

            round--;
            record = _records[round];
            if (record.Timestamp <= baseTimestamp)
            {
                // Clip the oldest record at the start of the window.
                BigInteger clipped = UInt256.Checked(record.Price * UInt256.Checked(previousTimestamp - baseTimestamp, function), function);
                weightedPrice = UInt256.Checked(weightedPrice + clipped, function);
                break;
            }

            BigInteger timeFraction = UInt256.Checked(previousTimestamp - record.Timestamp, function);
            weightedPrice = UInt256.Checked(weightedPrice + UInt256.Checked(record.Price * timeFraction, function), function);
            cumulativeTime = UInt256.Checked(cumulativeTime + timeFraction, function);
            previousTimestamp = record.Timestamp;
        }

        return weightedPrice / interval;
    }

    /// <summary>
    /// <c>getAssetPrice</c>: the TWAP stored at the last accepted update, or the last raw price when that TWAP is 0.
    /// Not recomputed at read time.
    /// </summary>
    /// <returns>The price the protocol values the collateral at, in wei.</returns>
    /// <exception cref="ProtocolRevertException"><see cref="NoPriceDataReason"/> when the feed is empty.</exception>
    public BigInteger GetAssetPrice()
    {
        if (_records.Count == 0)
        {
            throw new ProtocolRevertException(Contract + "getAssetPrice", RevertKind.Error, NoPriceDataReason);
        }

        return StoredTwapPrice.IsZero ? _records[^1].Price : StoredTwapPrice;
    }

    private static BendDaoV1NftOracleParameters Validate(BendDaoV1NftOracleParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        UInt256.Require(parameters.MaxPriceDeviation, nameof(parameters.MaxPriceDeviation));
        UInt256.Require(parameters.MaxPriceDeviationWithTime, nameof(parameters.MaxPriceDeviationWithTime));
        UInt256.Require(parameters.TimeIntervalWithPrice, nameof(parameters.TimeIntervalWithPrice));
        UInt256.Require(parameters.MinUpdateTime, nameof(parameters.MinUpdateTime));
        UInt256.Require(parameters.TwapInterval, nameof(parameters.TwapInterval));
        return parameters;
    }
}

/// <summary>The parameters of a <see cref="BendDaoV1NftOracle"/> (<c>NFTOracle.initialize</c>); every value must be a uint256.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed record BendDaoV1NftOracleParameters
{
    /// <summary>
    /// Gets the repository's development initialisation (<c>tasks/dev/oracle_nft.ts</c>): 20 % maximum deviation, 10 % within
    /// 30 minutes, 10-minute minimum update time and a 30-minute TWAP.
    /// </summary>
    public static BendDaoV1NftOracleParameters DevTaskDefaults { get; } = new()
    {
        MaxPriceDeviation = BigInteger.Parse("200000000000000000", System.Globalization.CultureInfo.InvariantCulture),
        MaxPriceDeviationWithTime = BigInteger.Parse("100000000000000000", System.Globalization.CultureInfo.InvariantCulture),
        TimeIntervalWithPrice = 1800,
        MinUpdateTime = 600,
        TwapInterval = 1800,
    };

    /// <summary>Gets the largest accepted deviation from the last price, as a wad fraction (0.2e18 = 20 %).</summary>
    public required BigInteger MaxPriceDeviation { get; init; }

    /// <summary>Gets the largest accepted deviation within <see cref="TimeIntervalWithPrice"/>, as a wad fraction.</summary>
    public required BigInteger MaxPriceDeviationWithTime { get; init; }

    /// <summary>Gets the window, in seconds, within which <see cref="MaxPriceDeviationWithTime"/> applies.</summary>
    public required BigInteger TimeIntervalWithPrice { get; init; }

    /// <summary>Gets the minimum time between two different prices, in seconds.</summary>
    public required BigInteger MinUpdateTime { get; init; }

    /// <summary>Gets the TWAP window, in seconds (0 makes every update revert).</summary>
    public required BigInteger TwapInterval { get; init; }
}

/// <summary>One accepted update of a <see cref="BendDaoV1NftOracle"/> feed (<c>NFTPriceData</c>).</summary>
/// <param name="RoundId">The update's index in the feed, from 0.</param>
/// <param name="Price">The pushed price, in wei.</param>
/// <param name="Timestamp">The block timestamp of the update, Unix seconds.</param>
public readonly record struct BendDaoV1NftPriceRecord(int RoundId, BigInteger Price, BigInteger Timestamp);
