using System.Text;

namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>Decodes <c>data:</c> URIs carrying JSON (RFC 2397).</summary>
internal static class DataUri
{
    /// <summary>Decodes the payload of a JSON <c>data:</c> URI, refusing other media types and payloads over <paramref name="maxBytes"/>.</summary>
    public static byte[] Decode(string uri, int maxBytes, string display)
    {
        int comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidDataUri, display, "the data URI has no ',' after its header");
        }

        string[] header = uri["data:".Length..comma].Split(';');
        string media = header[0].Trim().ToLowerInvariant();
        bool base64 = false;
        for (int i = 1; i < header.Length; i++)
        {
            string parameter = header[i].Trim();
            if (parameter.Equals("base64", StringComparison.OrdinalIgnoreCase))
            {
                base64 = i == header.Length - 1
                    ? true
                    : throw new MetadataResolutionException(MetadataErrorKind.InvalidDataUri, display, "';base64' must be the last header parameter");
            }
        }

        if (media is not ("application/json" or "text/json") && !media.EndsWith("+json", StringComparison.Ordinal))
        {
            throw new MetadataResolutionException(MetadataErrorKind.NotJson, display, media.Length == 0 ? "the data URI has no media type" : $"media type '{media}' is not JSON");
        }

        string payload = uri[(comma + 1)..];
        return base64 ? DecodeBase64(payload, maxBytes, display) : DecodePercent(payload, maxBytes, display);
    }

    private static byte[] DecodeBase64(string payload, int maxBytes, string display)
    {
        // Percent-escaped padding ('%3D') and URL-safe letters appear in the wild; whitespace is ignored by the decoder.
        string text = payload.Replace("%3D", "=", StringComparison.OrdinalIgnoreCase).Replace('-', '+').Replace('_', '/');
        if ((long)text.Length * 3 / 4 > (long)maxBytes + 3)
        {
            throw new MetadataResolutionException(MetadataErrorKind.TooLarge, display, $"the decoded payload exceeds the limit of {maxBytes} bytes");
        }

        byte[] buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            throw new MetadataResolutionException(MetadataErrorKind.InvalidDataUri, display, "the payload is not valid base64");
        }

        if (written > maxBytes)
        {
            throw new MetadataResolutionException(MetadataErrorKind.TooLarge, display, $"the decoded payload exceeds the limit of {maxBytes} bytes");
        }

        return buffer[..written];
    }

    // Percent-decodes to bytes. A '%' not followed by two hex digits is kept as is: on-chain JSON often holds a bare "100%".
    private static byte[] DecodePercent(string payload, int maxBytes, string display)
    {
        if (payload.Length > maxBytes * 3L)
        {
            throw new MetadataResolutionException(MetadataErrorKind.TooLarge, display, $"the decoded payload exceeds the limit of {maxBytes} bytes");
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(payload);
        var output = new byte[utf8.Length];
        int length = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'%' && i + 2 < utf8.Length && IsHex(utf8[i + 1]) && IsHex(utf8[i + 2]))
            {
                output[length++] = (byte)((Hex(utf8[i + 1]) << 4) | Hex(utf8[i + 2]));
                i += 2;
            }
            else
            {
                output[length++] = utf8[i];
            }
        }

        if (length > maxBytes)
        {
            throw new MetadataResolutionException(MetadataErrorKind.TooLarge, display, $"the decoded payload exceeds the limit of {maxBytes} bytes");
        }

        return output[..length];
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
