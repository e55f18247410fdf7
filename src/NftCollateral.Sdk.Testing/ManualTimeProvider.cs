namespace NftCollateral.Sdk.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/> or <see cref="SetUtcNow"/>.
/// Timers created through it (and so <c>Task.Delay(…, provider)</c>, <c>PeriodicTimer</c> and the SDK's own waits)
/// fire during those calls, in due-time order, on the calling thread.
/// </summary>
/// <remarks>Thread-safe. Time never moves backwards: <see cref="SetUtcNow"/> refuses an earlier time.</remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Initializes a new instance of the <see cref="ManualTimeProvider"/> class.</summary>
    /// <param name="start">The starting time (any offset; it is kept as UTC).</param>
    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    /// <summary>Initializes a new instance of the <see cref="ManualTimeProvider"/> class at 2000-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Gets the time zone reported to callers.</summary>
    /// <value>The default value is <see cref="TimeZoneInfo.Utc"/>.</value>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Gets the number of timers currently scheduled (not disposed, with a finite due time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order.</summary>
    /// <param name="delta">How far to move; zero fires timers that are due now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        MoveTo(target);
    }

    /// <summary>Sets the clock to a later (or the same) time, firing the timers that fall due on the way.</summary>
    /// <param name="value">The new time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is before the current time.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Time cannot move backwards from {_now:O}.");
            }
        }

        MoveTo(value.ToUniversalTime());
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
            timer.Schedule(_now, dueTime, period, ++_sequence);
        }

        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers
                    .Where(t => t.DueAt is { } due && due <= target)
                    .OrderBy(t => t.DueAt)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value > _now ? next.DueAt.Value : _now;
                next.AfterFiring(_now, ++_sequence);
            }

            next.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this))
                {
                    return false;
                }

                Schedule(owner._now, dueTime, period, ++owner._sequence);
                return true;
            }
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        internal void Schedule(DateTimeOffset now, TimeSpan dueTime, TimeSpan period, long sequence)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be non-negative or infinite.");
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be non-negative or infinite.");
            }

            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            Sequence = sequence;
        }

        internal void AfterFiring(DateTimeOffset now, long sequence)
        {
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
            Sequence = sequence;
        }

        internal void Fire() => callback(state);
    }
}
