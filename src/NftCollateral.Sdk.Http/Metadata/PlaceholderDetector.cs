namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>What <see cref="PlaceholderDetector.Detect"/> found across several tokens' metadata.</summary>
/// <param name="DocumentCount">The number of documents compared.</param>
/// <param name="DistinctDocuments">The number of distinct documents (compact JSON, whitespace ignored).</param>
/// <param name="DistinctContent">The number of distinct documents once per-token fields (name, description, id, edition, external_url, dna) are ignored.</param>
/// <param name="AllIdentical">Whether every document is the same JSON.</param>
/// <param name="IsLikelyPlaceholder">
/// Whether the collection looks unrevealed: at least two documents and all share the same content apart from per-token
/// fields (same image and attributes). No trait premium should be applied while this is <see langword="true"/>.
/// </param>
public sealed record PlaceholderReport(int DocumentCount, int DistinctDocuments, int DistinctContent, bool AllIdentical, bool IsLikelyPlaceholder);

/// <summary>Detects pre-reveal placeholder metadata: the same document served for every token.</summary>
public static class PlaceholderDetector
{
    /// <summary>Compares several tokens' resolved metadata.</summary>
    /// <param name="documents">The documents, one per token (a sample of the collection is enough).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> or an element is <see langword="null"/>.</exception>
    public static PlaceholderReport Detect(IEnumerable<TokenMetadataDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var full = new HashSet<string>(StringComparer.Ordinal);
        var content = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        foreach (TokenMetadataDocument document in documents)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            full.Add(document.Canonical(withoutIdentity: false));
            content.Add(document.Canonical(withoutIdentity: true));
            count++;
        }

        return new PlaceholderReport(count, full.Count, content.Count, count >= 1 && full.Count == 1, count >= 2 && content.Count == 1);
    }
}
