using System.Globalization;
using System.Text.RegularExpressions;

namespace AdeTokens.Simulator;

/// <summary>How a token's dates are rendered. Real Intune answers have been seen in both shapes,
/// so clients must parse either.</summary>
internal enum DateStyle
{
    /// <summary>2026-11-26T12:00:00.1234567Z</summary>
    Utc7,

    /// <summary>2016-12-31T23:59:54.0590989-08:00, as in the Graph docs examples.</summary>
    Offset,
}

internal static partial class SimDates
{
    /// <summary>Intune reports "never happened" as DateTime.MinValue, not as null.</summary>
    public static readonly DateTimeOffset Never = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan PacificOffset = TimeSpan.FromHours(-8);

    // The first term needs a sign; later unsigned terms inherit it, so "now-2h30m" means two and a half hours ago.
    [GeneratedRegex(@"^now(?<terms>(?:\s*[+-]\s*\d+\s*[dhms](?:\s*[+-]?\s*\d+\s*[dhms])*)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"([+-]?)\s*(\d+)\s*([dhms])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TermRegex();

    public static bool IsNever(DateTimeOffset value) => value.UtcTicks == 0;

    /// <summary>Parses the scenario date grammar: "now", "now+20d", "now+1d-1s", "never", or an absolute ISO 8601 date.
    /// Relative dates keep scenario files from rotting as the calendar moves on.</summary>
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        var s = text.Trim();
        if (s.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return Never;
        }

        var match = RelativeRegex().Match(s);
        if (match.Success)
        {
            var result = now;
            var negative = false;
            foreach (Match term in TermRegex().Matches(match.Groups["terms"].Value))
            {
                if (term.Groups[1].Value.Length > 0)
                {
                    negative = term.Groups[1].Value == "-";
                }

                var amount = long.Parse(term.Groups[2].Value, CultureInfo.InvariantCulture);
                if (negative)
                {
                    amount = -amount;
                }

                result = char.ToLowerInvariant(term.Groups[3].Value[0]) switch
                {
                    'd' => result.AddDays(amount),
                    'h' => result.AddHours(amount),
                    'm' => result.AddMinutes(amount),
                    _ => result.AddSeconds(amount),
                };
            }

            return result;
        }

        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            return absolute;
        }

        throw new FormatException($"'{text}' is not a scenario date; use \"now\", \"now+20d\", \"now-2h30m\" style offsets (d,h,m,s), \"never\" or an ISO 8601 date.");
    }

    public static string Format(DateTimeOffset value, DateStyle style)
    {
        if (IsNever(value))
        {
            return "0001-01-01T00:00:00Z";
        }

        // Shifting a date within a day of MinValue to -08:00 would underflow; such dates only exist in odd scenarios.
        if (style == DateStyle.Offset && value.UtcDateTime > DateTime.MinValue.AddDays(1))
        {
            return value.ToOffset(PacificOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        }

        return value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Second-precision UTC, the shape Graph uses in innerError.date.</summary>
    public static string FormatInnerErrorDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
