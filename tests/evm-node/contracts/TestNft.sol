// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title TestNft
/// @notice ERC-721 collection for the NftCollateral.Sdk integration tests.
///         Anyone may mint, burn or change the base URI: it is a test fixture, not a real collection.
contract TestNft is ERC721 {
    string private _base;
    uint256 private _supply;

    constructor(string memory name_, string memory symbol_, string memory baseURI_) ERC721(name_, symbol_) {
        _base = baseURI_;
    }

    /// @notice Mints `id` to `to` (reverts if it already exists or `to` is the zero address).
    function mint(address to, uint256 id) external {
        _mint(to, id);
        _supply += 1;
    }

    /// @notice Burns `id` whoever owns it (reverts if it does not exist).
    function burn(uint256 id) external {
        _burn(id);
        _supply -= 1;
    }

    /// @notice Replaces the prefix of every tokenURI.
    function setBaseURI(string calldata baseURI_) external {
        _base = baseURI_;
    }

    /// @notice Tokens minted minus tokens burned.
    function totalSupply() external view returns (uint256) {
        return _supply;
    }

    function _baseURI() internal view override returns (string memory) {
        return _base;
    }
}
