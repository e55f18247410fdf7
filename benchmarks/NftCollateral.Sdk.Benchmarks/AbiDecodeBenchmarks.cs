using System.Numerics;
using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Chainlink;
using NftCollateral.Sdk.Evm.Contracts;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// CPU cost of the on-chain codec, no node involved: decoding <c>latestRoundData()</c> return data (five words,
/// 160 bytes; must allocate nothing), decoding an <c>aggregate3</c> answer of 500 <c>ownerOf</c> results, Keccak-256
/// of 32 bytes and of 1 KiB, and EIP-55 checksum formatting of an address.
/// </summary>
/// <remarks>Inputs are encoded once in the setup with <see cref="AbiEncoder"/> and checked against their decoding.</remarks>
[MemoryDiagnoser]
public class AbiDecodeBenchmarks
{
    private const int MulticallResults = 500;

    private static readonly BigInteger RoundId = (BigInteger.One << 64) | 12_345; // phase 1, aggregator round 12,345
    private static readonly BigInteger Answer = -123_456_789_012_345_678; // negative, to exercise the sign extension
    private const ulong StartedAt = 1_700_000_000;
    private const ulong UpdatedAt = 1_700_000_012;

    private byte[] _roundData = [];
    private byte[] _aggregate3 = [];
    private byte[] _input32 = [];
    private byte[] _input1K = [];
    private readonly byte[] _digest = new byte[Keccak256.HashSizeInBytes];
    private Address _address;

    [GlobalSetup]
    public void Setup()
    {
        _roundData = new AbiEncoder()
            .UIntN(RoundId, 80)
            .Int256(Answer)
            .UInt256(StartedAt)
            .UInt256(UpdatedAt)
            .UIntN(RoundId, 80)
            .ToArray();
        if (_roundData.Length != ChainlinkRoundData.EncodedLength
            || !ChainlinkRoundData.TryDecode(_roundData, out ChainlinkRoundData round)
            || round.RoundId != (UInt128)RoundId || round.Answer != (Int128)Answer
            || round.StartedAt != StartedAt || round.UpdatedAt != UpdatedAt || round.AnsweredInRound != (UInt128)RoundId
            || !round.Equals(DecodeRoundWithAbiReader()))
        {
            throw new InvalidOperationException("latestRoundData test data does not decode to the values encoded.");
        }

        // aggregate3 answer: (bool success, bytes returnData)[500], each returnData an ABI-encoded owner address.
        var random = new Random(42);
        var owners = new Address[MulticallResults];
        var results = new List<AbiEncoder>(MulticallResults);
        Span<byte> raw = stackalloc byte[Address.Length];
        for (int i = 0; i < MulticallResults; i++)
        {
            random.NextBytes(raw);
            owners[i] = new Address(raw);
            results.Add(new AbiEncoder().Bool(true).Bytes(new AbiEncoder().Address(owners[i]).ToArray()));
        }

        _aggregate3 = new AbiEncoder().TupleArray(results).ToArray();
        Multicall3Result[] decoded = Multicall3.Decode(_aggregate3, MulticallResults);
        for (int i = 0; i < MulticallResults; i++)
        {
            if (!decoded[i].Success || new AbiReader(decoded[i].ReturnData.Span).ReadAddress() != owners[i])
            {
                throw new InvalidOperationException($"aggregate3 test data: result {i} does not decode to the owner encoded.");
            }
        }

        _input32 = new byte[32];
        _input1K = new byte[1024];
        random.NextBytes(_input32);
        random.NextBytes(_input1K);

        // The EIP-55 example address; its checksummed form is known.
        const string Checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        _address = Address.Parse(Checksummed);
        if (_address.ToString() != Checksummed)
        {
            throw new InvalidOperationException($"EIP-55: {_address} is not {Checksummed}.");
        }
    }

    /// <summary><see cref="ChainlinkRoundData.TryDecode"/> on 160 bytes: must allocate nothing.</summary>
    [Benchmark]
    public ChainlinkRoundData LatestRoundData_TryDecode()
    {
        ChainlinkRoundData.TryDecode(_roundData, out ChainlinkRoundData round);
        return round;
    }

    /// <summary>The same five words read field by field with <see cref="AbiReader"/>, for comparison.</summary>
    [Benchmark]
    public ChainlinkRoundData LatestRoundData_AbiReader() => DecodeRoundWithAbiReader();

    /// <summary><see cref="Multicall3.Decode"/> of an aggregate3 answer of 500 (bool, bytes) results (80,064 bytes).</summary>
    [Benchmark]
    public Multicall3Result[] Aggregate3_Decode500() => Multicall3.Decode(_aggregate3, MulticallResults);

    /// <summary>Keccak-256 of 32 bytes (one block) into a preallocated digest.</summary>
    [Benchmark]
    public byte Keccak256_32B()
    {
        Keccak256.HashData(_input32, _digest);
        return _digest[0];
    }

    /// <summary>Keccak-256 of 1 KiB (eight 136-byte blocks) into a preallocated digest.</summary>
    [Benchmark]
    public byte Keccak256_1KiB()
    {
        Keccak256.HashData(_input1K, _digest);
        return _digest[0];
    }

    /// <summary><see cref="Address.ToString"/>: EIP-55 checksum (Keccak-256 of the 40 hex digits) into a new string.</summary>
    [Benchmark]
    public string Address_ToStringEip55() => _address.ToString();

    private ChainlinkRoundData DecodeRoundWithAbiReader()
    {
        var reader = new AbiReader(_roundData);
        var round = new ChainlinkRoundData(reader.ReadUInt(80), reader.ReadInt(128), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt(80));
        reader.EnsureEnd();
        return round;
    }
}
