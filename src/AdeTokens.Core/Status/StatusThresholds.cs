using System;

namespace AdeTokens
{
    /// <summary>Thresholds shared by Get-AdeTokenStatus and Test-AdeTokenHealth.</summary>
    public sealed class StatusThresholds
    {
        /// <summary>Expiry within this many days is ExpiringSoon / Warning (default 30).</summary>
        public int WarningDays { get; set; } = 30;
        /// <summary>Expiry within this many days is Critical (default 7).</summary>
        public int CriticalDays { get; set; } = 7;
        /// <summary>No successful sync for longer than this is stale (default 36 h: Intune syncs every 12 h).</summary>
        public double StaleSyncHours { get; set; } = 36;
        /// <summary>A token older than this that never synced is Critical (default 24 h).</summary>
        public double NeverSyncedGraceHours { get; set; } = 24;

        /// <summary>Throws ArgumentException with a message naming the parameter for impossible combinations.</summary>
        public void Validate()
        {
            if (WarningDays < 0) throw new ArgumentException($"WarningDays must be 0 or more; it is {WarningDays}.", "WarningDays");
            if (CriticalDays < 0) throw new ArgumentException($"CriticalDays must be 0 or more; it is {CriticalDays}.", "CriticalDays");
            if (CriticalDays > WarningDays)
                throw new ArgumentException($"CriticalDays ({CriticalDays}) must not be greater than WarningDays ({WarningDays}): a token is first a warning, then critical.", "CriticalDays");
            if (StaleSyncHours <= 0 || double.IsNaN(StaleSyncHours))
                throw new ArgumentException($"StaleSyncHours must be greater than 0; it is {StaleSyncHours}. Intune syncs every 12 hours, so less than 12 raises false alarms.", "StaleSyncHours");
            if (NeverSyncedGraceHours < 0 || double.IsNaN(NeverSyncedGraceHours))
                throw new ArgumentException($"NeverSyncedGraceHours must be 0 or more; it is {NeverSyncedGraceHours}.", "NeverSyncedGraceHours");
        }
    }
}
