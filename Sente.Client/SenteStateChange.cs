namespace Sente.Client;

/// <summary>
/// One state change (Sente's <c>[:chsk/state [old new open-changed?]]</c>), with Sente's transient
/// flags as properties.
/// </summary>
public sealed class SenteStateChange : EventArgs
{
    /// <summary>Creates a change.</summary>
    /// <param name="oldState">The state before.</param>
    /// <param name="newState">The state after.</param>
    public SenteStateChange(SenteClientState oldState, SenteClientState newState)
    {
        OldState = oldState;
        NewState = newState;
    }

    /// <summary>Gets the state before the change.</summary>
    public SenteClientState OldState { get; }

    /// <summary>Gets the state after the change.</summary>
    public SenteClientState NewState { get; }

    /// <summary>Gets a value indicating whether <see cref="SenteClientState.Open"/> changed.</summary>
    public bool OpenChanged => OldState.Open != NewState.Open;

    /// <summary>Gets a value indicating whether the client just opened (a handshake arrived).</summary>
    public bool Opened => OpenChanged && NewState.Open;

    /// <summary>Gets a value indicating whether the client just closed.</summary>
    public bool Closed => OpenChanged && !NewState.Open;

    /// <summary>Gets a value indicating whether this is the first open ever.</summary>
    public bool FirstOpen => Opened && !OldState.EverOpened;

    /// <summary>
    /// Gets a value indicating whether the client just opened on a resume that lost events
    /// (<c>resumed: false</c>): the application must resynchronise its state.
    /// </summary>
    public bool ResumeFailed => Opened && NewState.Resumed == false;
}
