using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AdeTokens.Health
{
    // How findings word durations and counts; times and numbers themselves come from InvariantText, in the invariant culture.
    internal static class Text
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public static string Count(int n) => InvariantText.Count(n);

        public static string Days(int n) => n == 1 ? "1 day" : $"{Count(n)} days";

        public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{Count(n)} {many}";

        public static string Hours(double h) => h.ToString("0.##", Inv);

        /// <summary>"3 days 4 h", "40 h 12 min", "14 min 59 s": precise enough to see why an edge fired.</summary>
        public static string Duration(TimeSpan t)
        {
            if (t < TimeSpan.Zero) t = t.Negate();
            if (t.TotalDays >= 3) return $"{Days((int)t.TotalDays)} {t.Hours} h";
            if (t.TotalHours >= 1) return $"{(int)t.TotalHours} h {t.Minutes} min";
            return $"{t.Minutes} min {t.Seconds} s";
        }

        /// <summary>"today", "yesterday", "3 days ago": calendar days in UTC, the same rule as DaysUntilExpiry (DayCount).</summary>
        public static string Ago(DateTimeOffset then, DateTimeOffset now)
        {
            var d = DayCount.Between(now, then);
            return d > 0 ? "today" : DayCount.Relative(d);
        }

        public static string Serials(IEnumerable<string> serials)
        {
            var list = serials.ToList();
            return list.Count == 0 ? string.Empty : string.Join(", ", list);
        }

        public static string Quote(string? s, string fallback) => string.IsNullOrWhiteSpace(s) ? fallback : $"'{s}'";
    }
}
