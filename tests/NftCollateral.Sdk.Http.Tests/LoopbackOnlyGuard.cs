using System.Net;
using System.Runtime.CompilerServices;
using NftCollateral.Sdk.Http.Metadata;

namespace NftCollateral.Sdk.Http.Tests;

/// <summary>
/// Before any test of this assembly runs, restricts every connection the metadata resolver makes to loopback: even a
/// regression in the resolver's own address checks cannot send a test's traffic to a private, link-local or cloud
/// metadata address.
/// </summary>
internal static class LoopbackOnlyGuard
{
    [ModuleInitializer]
    internal static void Install() => TokenMetadataResolver.ConnectionGuardForTests = IsLoopback;

    internal static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

public sealed class LoopbackOnlyGuardTests
{
    [Fact]
    public void Guard_IsInstalled_AndAllowsOnlyLoopback()
    {
        TokenMetadataResolver.ConnectionGuardForTests.ShouldNotBeNull();
        LoopbackOnlyGuard.IsLoopback(IPAddress.Parse("127.0.0.1")).ShouldBeTrue();
        LoopbackOnlyGuard.IsLoopback(IPAddress.Parse("::1")).ShouldBeTrue();
        LoopbackOnlyGuard.IsLoopback(IPAddress.Parse("::ffff:127.0.0.1")).ShouldBeTrue();
        LoopbackOnlyGuard.IsLoopback(IPAddress.Parse("169.254.169.254")).ShouldBeFalse();
        LoopbackOnlyGuard.IsLoopback(IPAddress.Parse("10.0.0.1")).ShouldBeFalse();
    }
}
