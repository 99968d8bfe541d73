using System;

namespace AdeTokens.Health
{
    /// <summary>
    /// Thresholds for Test-AdeTokenHealth. The first four mirror StatusThresholds (which is sealed) so that
    /// Get-AdeTokenStatus and Test-AdeTokenHealth agree on what "expiring" and "stale" mean.
    /// </summary>
    public sealed class HealthOptions
    {
        /// <summary>Upper bound for DeviceSampleSize: more serials than this belong in a report, not a message.</summary>
        public const int MaxDeviceSampleSize = 1000;

        /// <summary>TokenExpiringSoon is a Warning at this many whole days or fewer (default 30).</summary>
        public int WarningDays { get; set; } = 30;
        /// <summary>TokenExpiringSoon is Critical at this many whole days or fewer (default 7).</summary>
        public int CriticalDays { get; set; } = 7;
        /// <summary>SyncStale when the last successful sync is more than this many hours old (default 36: three 12-hour cycles).</summary>
        public double StaleSyncHours { get; set; } = 36;
        /// <summary>NeverSynced turns Critical once the token is older than this many hours (default 24).</summary>
        public double NeverSyncedGraceHours { get; set; } = 24;
        /// <summary>Intune allows one manual sync per this many minutes (default 15).</summary>
        public int ManualSyncIntervalMinutes { get; set; } = 15;
        /// <summary>How many serial numbers a device finding quotes (default 5).</summary>
        public int DeviceSampleSize { get; set; } = 5;

        /// <summary>The shared part, for building TokenStatus objects with the same thresholds.</summary>
        public StatusThresholds ToStatusThresholds() => new StatusThresholds
        {
            WarningDays = WarningDays,
            CriticalDays = CriticalDays,
            StaleSyncHours = StaleSyncHours,
            NeverSyncedGraceHours = NeverSyncedGraceHours,
        };

        /// <summary>Options that start from existing status thresholds.</summary>
        public static HealthOptions FromThresholds(StatusThresholds thresholds)
        {
            if (thresholds is null) throw new ArgumentNullException(nameof(thresholds));
            return new HealthOptions
            {
                WarningDays = thresholds.WarningDays,
                CriticalDays = thresholds.CriticalDays,
                StaleSyncHours = thresholds.StaleSyncHours,
                NeverSyncedGraceHours = thresholds.NeverSyncedGraceHours,
            };
        }

        /// <summary>
        /// Throws ArgumentException (ParamName = the property, which matches the cmdlet parameter) for an
        /// impossible combination, so a runbook fails loudly instead of silently never alerting.
        /// </summary>
        public void Validate()
        {
            // One source of truth for the shared thresholds' messages.
            ToStatusThresholds().Validate();
            if (double.IsInfinity(StaleSyncHours))
                throw new ArgumentException($"StaleSyncHours must be a finite number of hours; it is {StaleSyncHours}.", nameof(StaleSyncHours));
            if (double.IsInfinity(NeverSyncedGraceHours))
                throw new ArgumentException($"NeverSyncedGraceHours must be a finite number of hours; it is {NeverSyncedGraceHours}.", nameof(NeverSyncedGraceHours));
            if (ManualSyncIntervalMinutes <= 0)
                throw new ArgumentException($"ManualSyncIntervalMinutes must be greater than 0; it is {ManualSyncIntervalMinutes}. Intune allows one manual sync every 15 minutes.", nameof(ManualSyncIntervalMinutes));
            if (DeviceSampleSize < 0 || DeviceSampleSize > MaxDeviceSampleSize)
                throw new ArgumentException($"DeviceSampleSize must be between 0 and {MaxDeviceSampleSize}; it is {DeviceSampleSize}.", nameof(DeviceSampleSize));
        }
    }
}
