using System.IO.Hashing;
using System.Text;

namespace Sente.Grains.Presence;

/// <summary>Maps a uid to its presence shard with a stable hash (the same in every process).</summary>
internal static class PresenceShards
{
    public static int ShardOf(string uid, int shards)
    {
        // string.GetHashCode is randomised per process; shards must agree across silos.
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(uid));
        return (int)(hash % (uint)shards);
    }
}
