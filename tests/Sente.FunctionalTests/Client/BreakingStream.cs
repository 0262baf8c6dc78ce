using System.Globalization;
using Sente.Client;
using Sente.FunctionalTests.Infrastructure;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.Client;

/// <summary>
/// The shared scenario of the client tests: 1,000 seq-numbered pushes while the client's
/// connection is broken twice; every event must be handled exactly once, in order, with its seq.
/// </summary>
public static class BreakingStream
{
    public static async Task RunAsync(SenteServer server, SenteClient client, string uid, TimeSpan timeout)
    {
        var received = new List<int>();
        var seqs = new List<long>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On("test/n", e =>
        {
            received.Add(int.Parse(e.Event.DataJson!, CultureInfo.InvariantCulture));
            seqs.Add(e.Seq);
            if (received.Count is 300 or 700)
            {
                client.BreakConnection();
            }

            if (received.Count >= 1000)
            {
                all.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        var user = server.Cluster.GetGrain<IUserGrain>(uid);
        for (var i = 1; i <= 1000; i++)
        {
            await user.SendAsync(new SenteEvent("test/n", i.ToString(CultureInfo.InvariantCulture)));
        }

        await all.Task.DefaultTimeout(timeout);
        Assert.Equal(Enumerable.Range(1, 1000), received);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), seqs);

        // Writes into the deliberately broken connection may be recorded as transport errors; a gap never.
        Assert.NotEqual(SenteErrorKind.SeqGap, client.State.LastError?.Kind);
    }
}
