using System.Buffers.Binary;
using NftCollateral.Sdk.Evm.Abi;

namespace NftCollateral.Sdk.Evm.Chainlink;

/// <summary>
/// A round of a Chainlink <c>AggregatorV3Interface</c> feed, as <c>latestRoundData()</c> and <c>getRoundData(uint80)</c>
/// return it: <c>(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)</c>.
/// </summary>
/// <param name="RoundId">The round id (80 bits).</param>
/// <param name="Answer">The raw answer in feed units (divide by 10^decimals). Answers that do not fit in 128 bits are refused as malformed.</param>
/// <param name="StartedAt">When the round started, in Unix seconds (0 when unknown).</param>
/// <param name="UpdatedAt">When the answer was last updated, in Unix seconds; 0 means the round is not complete.</param>
/// <param name="AnsweredInRound">The round in which the answer was computed (deprecated by Chainlink, still checked).</param>
/// <remarks>Decoding is allocation-free and exact: the data must be exactly five words, each value within its type.</remarks>
public readonly record struct ChainlinkRoundData(UInt128 RoundId, Int128 Answer, ulong StartedAt, ulong UpdatedAt, UInt128 AnsweredInRound)
{
    /// <summary>The length of the encoded tuple: five static words.</summary>
    public const int EncodedLength = 160;

    private static readonly string[] FieldProblems =
    [
        string.Empty,
        "the return data is not 160 bytes (five words)",
        "roundId does not fit in uint80",
        "answer does not fit in 128 bits (or its sign extension is malformed)",
        "startedAt does not fit in 64 bits",
        "updatedAt does not fit in 64 bits",
        "answeredInRound does not fit in uint80",
    ];

    /// <summary>Gets <see cref="UpdatedAt"/> as a time, or <see langword="null"/> when it is 0 or beyond the representable range.</summary>
    public DateTimeOffset? UpdatedAtTime => ToTime(UpdatedAt);

    /// <summary>Gets <see cref="StartedAt"/> as a time, or <see langword="null"/> when it is 0 or beyond the representable range.</summary>
    public DateTimeOffset? StartedAtTime => ToTime(StartedAt);

    /// <summary>Decodes a round without allocating.</summary>
    /// <param name="data">The return data of <c>latestRoundData()</c> or <c>getRoundData(uint80)</c>.</param>
    /// <param name="round">The round, when the data is valid.</param>
    /// <returns><see langword="true"/> when the data is exactly five valid words.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> data, out ChainlinkRoundData round) => DecodeCore(data, out round) == 0;

    /// <summary>Decodes a round.</summary>
    /// <param name="data">The return data.</param>
    /// <returns>The round.</returns>
    /// <exception cref="AbiDecodingException">The data is not exactly five words, or a value is outside its type.</exception>
    public static ChainlinkRoundData Decode(ReadOnlySpan<byte> data)
    {
        int problem = DecodeCore(data, out ChainlinkRoundData round);
        return problem == 0
            ? round
            : throw new AbiDecodingException($"latestRoundData: {FieldProblems[problem]} ({data.Length} bytes)");
    }

    private static int DecodeCore(ReadOnlySpan<byte> data, out ChainlinkRoundData round)
    {
        round = default;
        if (data.Length != EncodedLength)
        {
            return 1;
        }

        if (!TryUnsigned(data[..32], 10, out UInt128 roundId))
        {
            return 2;
        }

        ReadOnlySpan<byte> answerWord = data.Slice(32, 32);
        byte fill = (answerWord[16] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        if (answerWord[..16].ContainsAnyExcept(fill))
        {
            return 3;
        }

        Int128 answer = (Int128)new UInt128(BinaryPrimitives.ReadUInt64BigEndian(answerWord[16..]), BinaryPrimitives.ReadUInt64BigEndian(answerWord[24..]));
        if (!TryUnsigned(data.Slice(64, 32), 8, out UInt128 startedAt))
        {
            return 4;
        }

        if (!TryUnsigned(data.Slice(96, 32), 8, out UInt128 updatedAt))
        {
            return 5;
        }

        if (!TryUnsigned(data.Slice(128, 32), 10, out UInt128 answeredInRound))
        {
            return 6;
        }

        round = new ChainlinkRoundData(roundId, answer, (ulong)startedAt, (ulong)updatedAt, answeredInRound);
        return 0;
    }

    private static bool TryUnsigned(ReadOnlySpan<byte> word, int bytes, out UInt128 value)
    {
        value = default;
        if (word[..(32 - bytes)].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        value = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(word[16..]), BinaryPrimitives.ReadUInt64BigEndian(word[24..]));
        return true;
    }

    private static DateTimeOffset? ToTime(ulong seconds) =>
        seconds == 0 || seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? null : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
}
