using System;
using System.Globalization;

namespace AdeTokens
{
    /// <summary>
    /// The one place that turns times and counts into text, for findings, statuses, reports, alerts and messages.
    /// Always the invariant culture: "yyyy" in the current culture writes Buddhist years under th-TH, and "N0" writes
    /// "1.234" under de-DE, so a runbook's output or a saved report would change with the machine it ran on.
    /// </summary>
    public static class InvariantText
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>"2026-11-28 08:42 UTC": a time in prose (findings, statuses, alert text).</summary>
        public static string Utc(DateTimeOffset value) => Format(value, "yyyy-MM-dd HH:mm") + " UTC";

        /// <summary>"2026-11-28 08:42:09 UTC": a time in prose where the second matters (the 15-minute sync rule).</summary>
        public static string UtcSeconds(DateTimeOffset value) => Format(value, "yyyy-MM-dd HH:mm:ss") + " UTC";

        /// <summary>"2026-11-28 08:42:09Z": a time in a report table cell, where the column header says UTC.</summary>
        public static string UtcCell(DateTimeOffset value) => Format(value, "yyyy-MM-dd HH:mm:ss'Z'");

        /// <summary>"2026-11-28T08:42:09Z": ISO 8601 for machines (JSON reports, saved state).</summary>
        public static string Iso(DateTimeOffset value) => Format(value, "yyyy-MM-dd'T'HH:mm:ss'Z'");

        /// <summary>"2026-11-28": the UTC calendar day.</summary>
        public static string Day(DateTimeOffset value) => Format(value, "yyyy-MM-dd");

        /// <summary>"1,234": a count with the invariant thousands separator.</summary>
        public static string Count(long n) => n.ToString("N0", Inv);

        private static string Format(DateTimeOffset value, string pattern) => value.UtcDateTime.ToString(pattern, Inv);
    }
}
