namespace AdeTokens.Simulator;

/// <summary>The simulator's notion of "now". Everything that reasons about time asks this, never DateTimeOffset.UtcNow,
/// so tests can jump forward (POST /_sim/clock) without sleeping through a 15-minute sync interval.</summary>
internal interface IClock
{
    DateTimeOffset UtcNow { get; }
}

/// <summary>Real time plus a test-controlled offset. Real time keeps flowing so that a sync queued with
/// syncCompletesAfterMs still completes on its own; the offset only ever moves forward.</summary>
internal sealed class SimClock : IClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The simulator clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
