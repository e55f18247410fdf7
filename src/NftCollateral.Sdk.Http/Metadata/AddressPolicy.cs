using System.Net;
using System.Net.Sockets;

namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>Decides which addresses and host names a metadata fetch may reach.</summary>
internal static class AddressPolicy
{
    private static readonly string[] ForbiddenNames =
    [
        "localhost", "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
        "kubernetes.default", "kubernetes.default.svc",
    ];

    private static readonly string[] ForbiddenSuffixes = [".localhost", ".internal", ".local", ".localdomain", ".home.arpa", ".svc.cluster.local"];

    /// <summary>Returns the reason a host name is refused before any DNS lookup, or <see langword="null"/>.</summary>
    public static string? ForbiddenName(string host)
    {
        string name = host.TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0)
        {
            return "empty host";
        }

        foreach (string forbidden in ForbiddenNames)
        {
            if (name == forbidden)
            {
                return $"host name '{name}' is local or a cloud metadata service";
            }
        }

        foreach (string suffix in ForbiddenSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"host name '{name}' is in a local or internal domain";
            }
        }

        return null;
    }

    /// <summary>Returns the reason an address is refused, or <see langword="null"/> when it is a public unicast address.</summary>
    public static string? ForbiddenAddress(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return ForbiddenV4(address.MapToIPv4()) is string mapped ? "IPv4-mapped " + mapped : null;
            }

            return ForbiddenV6(address);
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ForbiddenV4(address) : "not an IP address";
    }

    private static string? ForbiddenV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (b[0], b[1]) switch
        {
            (0, _) => "unspecified or 'this network' address (0.0.0.0/8)",
            (10, _) => "private address (10.0.0.0/8)",
            (100, >= 64 and <= 127) => "carrier-grade NAT address (100.64.0.0/10)",
            (127, _) => "loopback address (127.0.0.0/8)",
            (169, 254) => "link-local or cloud metadata address (169.254.0.0/16)",
            (172, >= 16 and <= 31) => "private address (172.16.0.0/12)",
            (192, 0) when b[2] is 0 or 2 => "reserved or documentation address (192.0.0.0/24, 192.0.2.0/24)",
            (192, 168) => "private address (192.168.0.0/16)",
            (198, 18 or 19) => "benchmarking address (198.18.0.0/15)",
            (198, 51) when b[2] == 100 => "documentation address (198.51.100.0/24)",
            (203, 0) when b[2] == 113 => "documentation address (203.0.113.0/24)",
            (>= 224 and <= 239, _) => "multicast address (224.0.0.0/4)",
            (>= 240, _) => "reserved or broadcast address (240.0.0.0/4, 255.255.255.255)",
            _ => null,
        };
    }

    private static string? ForbiddenV6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (IPAddress.IPv6Loopback.Equals(address))
        {
            return "loopback address (::1)";
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return "unspecified or IPv4-compatible address (::/96)";
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return "unique local address (fc00::/7)";
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) is 0x80 or 0xc0)
        {
            return "link-local or site-local address (fe80::/10, fec0::/10)";
        }

        if (b[0] == 0xff)
        {
            return "multicast address (ff00::/8)";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return "documentation address (2001:db8::/32)";
        }

        if (b[0] == 0x01 && b[1..8].IndexOfAnyExcept((byte)0) < 0)
        {
            return "discard-only address (100::/64)";
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address that the network may route to.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ForbiddenV4(new IPAddress(b[12..16])) is string nat64 ? "NAT64-embedded " + nat64 : null;
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ForbiddenV4(new IPAddress(b[2..6])) is string sixToFour ? "6to4-embedded " + sixToFour : null;
        }

        return null;
    }
}
