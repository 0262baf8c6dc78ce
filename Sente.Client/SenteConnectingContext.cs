namespace Sente.Client;

/// <summary>
/// Per-attempt connection settings handed to <see cref="SenteClientOptions.OnConnecting"/>, so
/// tokens and headers can be refreshed on every attempt (Sente's CSRF token function).
/// </summary>
public sealed class SenteConnectingContext
{
    internal SenteConnectingContext(int attempt, string? csrfToken, IReadOnlyDictionary<string, string> headers)
    {
        Attempt = attempt;
        CsrfToken = csrfToken;
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the attempt number: 0 for <see cref="SenteClient.ConnectAsync"/>, n ≥ 1 for reconnects.</summary>
    public int Attempt { get; }

    /// <summary>Gets or sets the CSRF token sent as the <c>csrf-token</c> query parameter.</summary>
    public string? CsrfToken { get; set; }

    /// <summary>Gets the request headers of this attempt (e.g. <c>Authorization</c>); starts as a copy of <see cref="SenteClientOptions.Headers"/>.</summary>
    public IDictionary<string, string> Headers { get; }
}
