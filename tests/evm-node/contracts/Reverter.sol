// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Reverter
/// @notice Fails in each way the ABI codec must decode, and echoes values back for round-trip tests.
contract Reverter {
    error Custom(uint256 a, address b);

    /// @notice Reverts with Error(string) carrying `reason`.
    function revertWithReason(string calldata reason) external pure {
        revert(reason);
    }

    /// @notice Reverts with no return data.
    function revertEmpty() external pure {
        revert();
    }

    /// @notice Returns x + 1, so x = type(uint256).max reverts with Panic(0x11).
    function panicOverflow(uint256 x) external pure returns (uint256) {
        return x + 1;
    }

    /// @notice Reverts with the custom error Custom(a, b).
    function revertCustom(uint256 a, address b) external pure {
        revert Custom(a, b);
    }

    function echoString(string calldata s) external pure returns (string memory) {
        return s;
    }

    function echoBytes(bytes calldata b) external pure returns (bytes memory) {
        return b;
    }

    function maxUint() external pure returns (uint256) {
        return type(uint256).max;
    }

    function minInt() external pure returns (int256) {
        return type(int256).min;
    }
}
