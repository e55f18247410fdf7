// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice The Chainlink price-feed read interface, declared here from its published ABI.
interface IAggregatorV3 {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(uint80 roundId_)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @title TestAggregator
/// @notice A settable price feed for oracle tests, including feeds that revert in every way a caller must handle.
///         Revert modes for latestRoundData: 0 normal, 1 Error("feed paused"), 2 Panic(0x01), 3 FeedDisabled(7).
contract TestAggregator is IAggregatorV3 {
    error FeedDisabled(uint256 code);

    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool exists;
    }

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _latestRound;
    uint8 public revertMode;
    mapping(uint80 => Round) private _rounds;

    constructor(uint8 decimals_, string memory description_) {
        _decimals = decimals_;
        _description = description_;
    }

    function decimals() external view returns (uint8) {
        return _decimals;
    }

    function description() external view returns (string memory) {
        return _description;
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId_)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round storage r = _rounds[roundId_];
        require(r.exists, "No data present");
        return (roundId_, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint8 mode = revertMode;
        if (mode == 1) {
            revert("feed paused");
        }
        if (mode == 2) {
            assert(false);
        }
        if (mode == 3) {
            revert FeedDisabled(7);
        }
        Round storage r = _rounds[_latestRound];
        require(r.exists, "No data present");
        return (_latestRound, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// @notice Stores a round exactly as given and makes it the latest one.
    function setRound(
        uint80 roundId_,
        int256 answer_,
        uint256 startedAt_,
        uint256 updatedAt_,
        uint80 answeredInRound_
    ) external {
        _rounds[roundId_] = Round(answer_, startedAt_, updatedAt_, answeredInRound_, true);
        _latestRound = roundId_;
    }

    /// @notice Appends round latest+1 with the current block time and answeredInRound = roundId.
    function setLatestAnswer(int256 answer_) external {
        uint80 next = _latestRound + 1;
        _rounds[next] = Round(answer_, block.timestamp, block.timestamp, next, true);
        _latestRound = next;
    }

    /// @notice 0 normal, 1 Error("feed paused"), 2 Panic(0x01), 3 FeedDisabled(7); applies to latestRoundData.
    function setRevertMode(uint8 mode) external {
        require(mode <= 3, "bad mode");
        revertMode = mode;
    }

    /// @notice The id of the latest round (0 before any round is set).
    function latestRound() external view returns (uint256) {
        return _latestRound;
    }
}
