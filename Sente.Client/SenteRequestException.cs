using Sente.Protocol;

namespace Sente.Client;

/// <summary>
/// A request got no reply value: <see cref="Reason"/> is the reserved reply
/// (<c>chsk/closed</c>, <c>chsk/timeout</c> or <c>chsk/error</c>, see <see cref="CallbackReplies"/>).
/// </summary>
public sealed class SenteRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">One of the <see cref="CallbackReplies"/> values.</param>
    /// <param name="eventId">The id of the event that was requested, if known.</param>
    public SenteRequestException(string reason, string? eventId = null)
        : base(eventId is null ? $"Request failed: {reason}." : $"Request '{eventId}' failed: {reason}.")
    {
        Reason = reason;
        EventId = eventId;
    }

    internal SenteRequestException(string reason, string? eventId, string detail, int? statusCode, Exception? innerException)
        : base($"Request{(eventId is null ? string.Empty : $" '{eventId}'")} failed: {reason} ({detail}).", innerException)
    {
        Reason = reason;
        EventId = eventId;
        StatusCode = statusCode;
    }

    /// <summary>Gets the reserved reply value: <c>chsk/closed</c>, <c>chsk/timeout</c> or <c>chsk/error</c>.</summary>
    public string Reason { get; }

    /// <summary>Gets the id of the event that was requested, if known.</summary>
    public string? EventId { get; }

    /// <summary>
    /// Gets the HTTP status with which the server refused an Ajax POST (e.g. 413 when the event
    /// exceeds its size limit; <see cref="Reason"/> is then <c>chsk/error</c>), or <see langword="null"/>.
    /// </summary>
    public int? StatusCode { get; }
}
