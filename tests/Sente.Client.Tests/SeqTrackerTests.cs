using Sente.Client.Internal;

namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class SeqTrackerTests
{
    [Fact]
    public void Classify_NextSeq_Delivers_OlderIsDuplicate_LaterIsGap()
    {
        var seqs = new SeqTracker(0);
        seqs.OnHandshake(metaSeq: 4, resumed: null, sentLastSeq: null);

        Assert.Equal(SeqDecision.Duplicate, seqs.Classify(3));
        Assert.Equal(SeqDecision.Duplicate, seqs.Classify(4));
        Assert.Equal(SeqDecision.Deliver, seqs.Classify(5));
        Assert.Equal(SeqDecision.DeliverAfterGap, seqs.Classify(7));
    }

    [Fact]
    public void MarkProcessed_MovesTheExpectedSeq()
    {
        var seqs = new SeqTracker(0);
        seqs.MarkProcessed(1);
        seqs.MarkProcessed(2);

        Assert.Equal(2, seqs.LastProcessed);
        Assert.Equal(SeqDecision.Duplicate, seqs.Classify(2));
        Assert.Equal(SeqDecision.Deliver, seqs.Classify(3));
    }

    [Fact]
    public void OnHandshake_Resumed_KeepsPosition_SoReplaysAreDropped()
    {
        var seqs = new SeqTracker(10);
        seqs.OnHandshake(metaSeq: 10, resumed: true, sentLastSeq: 10);

        Assert.Equal(10, seqs.LastProcessed);
        Assert.Equal(SeqDecision.Duplicate, seqs.Classify(9));
        Assert.Equal(SeqDecision.Deliver, seqs.Classify(11));
    }

    [Fact]
    public void OnHandshake_ResumedFalse_JumpsToMetaSeq_WithoutAGap()
    {
        var seqs = new SeqTracker(10);
        seqs.OnHandshake(metaSeq: 25, resumed: false, sentLastSeq: 10);

        Assert.Equal(25, seqs.LastProcessed);
        Assert.Equal(SeqDecision.Deliver, seqs.Classify(26));
    }

    [Fact]
    public void OnHandshake_ResumedTrueButLaterStart_ShowsAsGap()
    {
        var seqs = new SeqTracker(10);
        seqs.OnHandshake(metaSeq: 12, resumed: true, sentLastSeq: 10);

        Assert.Equal(SeqDecision.DeliverAfterGap, seqs.Classify(13));
    }
}
