using Microsoft.AspNetCore.Authorization;

namespace Sente.Web.Internal.Security;

/// <summary>
/// Endpoint metadata <c>MapSente</c> adds so the authorization middleware does not challenge the
/// channel-socket endpoint itself (it skips challenge handling when it sees <see cref="IAllowAnonymous"/>):
/// <see cref="EndpointAuthorizationCheck"/> evaluates the endpoint's policies inside Sente's rejection
/// order instead, and ignores this marker when looking for the application's own <c>AllowAnonymous</c>.
/// </summary>
internal sealed class DeferredAuthorizationMarker : IAllowAnonymous
{
    public static readonly DeferredAuthorizationMarker Instance = new();

    public override string ToString() => "Sente: authorization evaluated by the channel-socket endpoint";
}
