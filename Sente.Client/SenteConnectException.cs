namespace Sente.Client;

/// <summary>A connection attempt did not reach an open, handshaken connection.</summary>
public sealed class SenteConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status that refused the upgrade, when known (401, 403, …).</param>
    /// <param name="innerException">The cause.</param>
    public SenteConnectException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status that refused the upgrade, or <see langword="null"/>.</summary>
    public int? StatusCode { get; }
}
