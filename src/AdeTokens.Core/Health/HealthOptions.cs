using System;
using static System.FormattableString;

namespace AdeTokens.Health
{
    /// <summary>
    /// The one set of thresholds. Get-AdeTokenStatus (TokenStatus.Status and Severity), Test-AdeTokenHealth and the
    /// reports all judge with it, and the cmdlets take their parameter defaults and ranges from the constants here, so
    /// "expiring" and "stale" cannot mean one thing in one place and another elsewhere.
    /// </summary>
    public sealed class HealthOptions
    {
        /// <summary>Default of <see cref="WarningDays"/>.</summary>
        public const int DefaultWarningDays = 30;
        /// <summary>Default of <see cref="CriticalDays"/>.</summary>
        public const int DefaultCriticalDays = 7;
        /// <summary>Default of <see cref="StaleSyncHours"/>: three of Intune's 12-hour sync cycles.</summary>
        public const double DefaultStaleSyncHours = 36;
        /// <summary>Default of <see cref="NeverSyncedGraceHours"/>.</summary>
        public const double DefaultNeverSyncedGraceHours = 24;
        /// <summary>The most a day threshold may be (ten years): the cmdlets' ValidateRange.</summary>
        public const int MaxDays = 3650;
        /// <summary>The fewest hours the cmdlets accept for StaleSyncHours.</summary>
        public const int MinStaleSyncHours = 1;
        /// <summary>The most hours the cmdlets accept for StaleSyncHours (a year).</summary>
        public const int MaxStaleSyncHours = 8760;
        /// <summary>Upper bound for DeviceSampleSize: more serials than this belong in a report, not a message.</summary>
        public const int MaxDeviceSampleSize = 1000;

        /// <summary>TokenExpiringSoon is a Warning at this many whole days or fewer (default 30).</summary>
        public int WarningDays { get; set; } = DefaultWarningDays;
        /// <summary>TokenExpiringSoon is Critical at this many whole days or fewer (default 7).</summary>
        public int CriticalDays { get; set; } = DefaultCriticalDays;
        /// <summary>SyncStale when the last successful sync is more than this many hours old (default 36: three 12-hour cycles).</summary>
        public double StaleSyncHours { get; set; } = DefaultStaleSyncHours;
        /// <summary>NeverSynced turns Critical once the token is older than this many hours (default 24).</summary>
        public double NeverSyncedGraceHours { get; set; } = DefaultNeverSyncedGraceHours;
        /// <summary>Intune allows one manual sync per this many minutes (default 15).</summary>
        public int ManualSyncIntervalMinutes { get; set; } = 15;
        /// <summary>How many serial numbers a device finding quotes (default 5).</summary>
        public int DeviceSampleSize { get; set; } = 5;

        /// <summary>
        /// Throws ArgumentException (ParamName = the property, which matches the cmdlet parameter) for an
        /// impossible combination, so a runbook fails loudly instead of silently never alerting.
        /// </summary>
        public void Validate()
        {
            if (WarningDays < 0) throw new ArgumentException(Invariant($"WarningDays must be 0 or more; it is {WarningDays}."), nameof(WarningDays));
            if (CriticalDays < 0) throw new ArgumentException(Invariant($"CriticalDays must be 0 or more; it is {CriticalDays}."), nameof(CriticalDays));
            if (CriticalDays > WarningDays)
                throw new ArgumentException(Invariant($"CriticalDays ({CriticalDays}) must not be greater than WarningDays ({WarningDays}): a token is first a warning, then critical."), nameof(CriticalDays));
            if (StaleSyncHours <= 0 || double.IsNaN(StaleSyncHours))
                throw new ArgumentException($"StaleSyncHours must be greater than 0; it is {Text.Hours(StaleSyncHours)}. Intune syncs every 12 hours, so less than 12 raises false alarms.", nameof(StaleSyncHours));
            if (double.IsInfinity(StaleSyncHours))
                throw new ArgumentException($"StaleSyncHours must be a finite number of hours; it is {Text.Hours(StaleSyncHours)}.", nameof(StaleSyncHours));
            if (NeverSyncedGraceHours < 0 || double.IsNaN(NeverSyncedGraceHours))
                throw new ArgumentException($"NeverSyncedGraceHours must be 0 or more; it is {Text.Hours(NeverSyncedGraceHours)}.", nameof(NeverSyncedGraceHours));
            if (double.IsInfinity(NeverSyncedGraceHours))
                throw new ArgumentException($"NeverSyncedGraceHours must be a finite number of hours; it is {Text.Hours(NeverSyncedGraceHours)}.", nameof(NeverSyncedGraceHours));
            if (ManualSyncIntervalMinutes <= 0)
                throw new ArgumentException(Invariant($"ManualSyncIntervalMinutes must be greater than 0; it is {ManualSyncIntervalMinutes}. Intune allows one manual sync every 15 minutes."), nameof(ManualSyncIntervalMinutes));
            if (DeviceSampleSize < 0 || DeviceSampleSize > MaxDeviceSampleSize)
                throw new ArgumentException(Invariant($"DeviceSampleSize must be between 0 and {MaxDeviceSampleSize}; it is {DeviceSampleSize}."), nameof(DeviceSampleSize));
        }
    }
}
