using System;
using System.Globalization;

namespace AdeTokens
{
    /// <summary>
    /// The one rule for whole days, used by DaysUntilExpiry, every finding and status message, the reports
    /// and the alerts: calendar days in UTC, the way people count them. An expiry on Dec 6 read on Dec 1 is
    /// 5 days away whatever the time of day; one that passed three calendar days ago is -3; one later today
    /// (or earlier today) is 0.
    /// </summary>
    public static class DayCount
    {
        /// <summary>Calendar days in UTC from <paramref name="now"/> to <paramref name="when"/>; negative when it is in the past.</summary>
        public static int Between(DateTimeOffset now, DateTimeOffset when)
            => (int)Math.Round((when.UtcDateTime.Date - now.UtcDateTime.Date).TotalDays);

        /// <summary>"1 day" / "5 days" (invariant culture, no sign).</summary>
        public static string Days(int n)
        {
            var abs = Math.Abs((long)n);
            return abs == 1 ? "1 day" : abs.ToString("N0", CultureInfo.InvariantCulture) + " days";
        }

        /// <summary>"in 5 days", "tomorrow", "today", "yesterday", "3 days ago" for a day count from <see cref="Between"/>.</summary>
        public static string Relative(int days)
        {
            if (days == 0) return "today";
            if (days == 1) return "tomorrow";
            if (days == -1) return "yesterday";
            return days > 0 ? "in " + Days(days) : Days(days) + " ago";
        }
    }
}
