namespace Sente.Web.Internal;

/// <summary>Registered by <c>AddSente</c>; <c>MapSente</c> checks for it to fail clearly when it was forgotten.</summary>
internal sealed class SenteMarkerService;
