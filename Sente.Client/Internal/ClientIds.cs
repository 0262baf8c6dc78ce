using System.Security.Cryptography;

namespace Sente.Client.Internal;

/// <summary>Random ids for client-ids and callback-id prefixes.</summary>
internal static class ClientIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh 16-character client-id.</summary>
    /// <returns>The id.</returns>
    public static string NewClientId() => RandomNumberGenerator.GetString(Alphabet, 16);
}
