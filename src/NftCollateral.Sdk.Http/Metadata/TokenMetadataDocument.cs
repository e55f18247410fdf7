using System.Buffers;
using System.Numerics;
using System.Text.Json;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>A resolved token metadata document (ERC-721 / ERC-1155 metadata JSON).</summary>
/// <remarks>Immutable and thread-safe; <see cref="Root"/> does not need disposing.</remarks>
public sealed class TokenMetadataDocument
{
    private static readonly string[] IdentityFields = ["name", "description", "token_id", "tokenId", "id", "edition", "external_url", "dna"];

    /// <summary>Initializes a new instance of the <see cref="TokenMetadataDocument"/> class.</summary>
    /// <param name="sourceUri">The URI as the caller gave it.</param>
    /// <param name="finalUri">The URI the document was read from, after gateway mapping, <c>{id}</c> substitution and redirects.</param>
    /// <param name="root">The parsed JSON; it is cloned.</param>
    /// <param name="rawJson">The JSON text as received.</param>
    /// <exception cref="ArgumentNullException">A string argument is <see langword="null"/>.</exception>
    public TokenMetadataDocument(string sourceUri, string finalUri, JsonElement root, string rawJson)
    {
        ArgumentNullException.ThrowIfNull(sourceUri);
        ArgumentNullException.ThrowIfNull(finalUri);
        ArgumentNullException.ThrowIfNull(rawJson);
        SourceUri = sourceUri;
        FinalUri = finalUri;
        Root = root.Clone();
        RawJson = rawJson;
    }

    /// <summary>Gets the URI as the caller gave it.</summary>
    public string SourceUri { get; }

    /// <summary>Gets the URI the document was read from (gateway URL after redirects, or the <c>data:</c> URI itself).</summary>
    public string FinalUri { get; }

    /// <summary>Gets the parsed JSON.</summary>
    public JsonElement Root { get; }

    /// <summary>Gets the JSON text as received.</summary>
    public string RawJson { get; }

    /// <summary>Gets the <c>name</c> string, or <see langword="null"/> when absent or not a string.</summary>
    public string? Name => String("name");

    /// <summary>Gets the <c>description</c> string, or <see langword="null"/> when absent or not a string.</summary>
    public string? Description => String("description");

    /// <summary>Gets the image URI: <c>image</c>, else <c>image_url</c>, else <see langword="null"/>. It is not resolved or checked.</summary>
    public string? Image => String("image") ?? String("image_url");

    /// <summary>Gets the elements of the <c>attributes</c> array, or an empty list when there is none.</summary>
    public IReadOnlyList<JsonElement> Attributes =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty("attributes", out JsonElement a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray()]
            : [];

    /// <summary>Reads the traits with the SDK's ERC-721 attribute semantics (<see cref="TraitsJson"/>).</summary>
    /// <param name="tokenId">The token id to give the traits (decimal).</param>
    /// <returns>The token's traits; none when the document has no <c>attributes</c>.</returns>
    /// <exception cref="CollectionDataException">The attributes are malformed.</exception>
    public TokenTraits ToTokenTraits(BigInteger tokenId) => ToTokenTraits(tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads the traits with the SDK's ERC-721 attribute semantics (<see cref="TraitsJson"/>).</summary>
    /// <param name="tokenId">The token id to give the traits.</param>
    /// <returns>The token's traits; none when the document has no <c>attributes</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenId"/> is null, empty or white space.</exception>
    /// <exception cref="CollectionDataException">The attributes are malformed.</exception>
    public TokenTraits ToTokenTraits(string tokenId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        if (Root.ValueKind != JsonValueKind.Object || !Root.TryGetProperty("attributes", out JsonElement attributes))
        {
            return new TokenTraits(tokenId, []);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("token_id", tokenId);
            writer.WritePropertyName("attributes");
            attributes.WriteTo(writer);
            writer.WriteEndObject();
        }

        return TraitsJson.Read(buffer.WrittenMemory, FinalUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? "data: URI" : FinalUri).Tokens[0];
    }

    /// <summary>The document written compactly, optionally without the per-token identity fields.</summary>
    internal string Canonical(bool withoutIdentity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (withoutIdentity && Root.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject();
                foreach (JsonProperty property in Root.EnumerateObject())
                {
                    if (!IdentityFields.Contains(property.Name, StringComparer.Ordinal))
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }
            else
            {
                Root.WriteTo(writer);
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string? String(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
