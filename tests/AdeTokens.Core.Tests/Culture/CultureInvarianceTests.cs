using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AdeTokens.Alerts;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using AdeTokens.Reporting;
using Xunit;
using AdeTokens.Sync;

namespace AdeTokens.Tests.Culture
{
    /// <summary>
    /// Every text the module produces for people or machines is the same whatever the current culture: statuses,
    /// findings (messages, steps, evidence), the four report formats, the alert card, mail and saved state, and the
    /// validation and sync-gate messages. th-TH writes Buddhist years for "yyyy"; de-DE swaps '.' and ','.
    /// </summary>
    public class CultureInvarianceTests
    {
        private static readonly DateTimeOffset AsOf = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

        public static IEnumerable<object[]> Cultures()
        {
            yield return new object[] { "th-TH" };
            yield return new object[] { "de-DE" };
            // Not asked for, but the cheapest way to catch a negative number printed with the culture's minus sign (U+2212).
            yield return new object[] { "sv-SE" };
        }

        [Theory]
        [MemberData(nameof(Cultures))]
        public void KeyOutputsAreTheSameAsUnderTheInvariantCulture(string name)
        {
            var culture = Strict(name);
            var invariant = Under(CultureInfo.InvariantCulture, Everything);
            var local = Under(culture, Everything);
            Assert.True(invariant.Length > 20000, "the sample should cover a lot of text; it has " + invariant.Length + " characters");
            var at = FirstDifference(invariant, local);
            Assert.True(at < 0, at < 0 ? string.Empty : $"Under {name} the output differs at {at}:\n  invariant: {Around(invariant, at)}\n  {name}: {Around(local, at)}");
        }

        // Without this the test could pass because the culture did nothing (for example in invariant-globalization mode).
        [Theory]
        [MemberData(nameof(Cultures))]
        public void TheCultureReallyFormatsDifferently(string name)
        {
            var culture = Strict(name);
            var date = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);
            var local = Under(culture, () => date.ToString("yyyy-MM-dd") + " " + 1234.5.ToString("N1") + " " + $"{0.5}");
            var invariant = Under(CultureInfo.InvariantCulture, () => date.ToString("yyyy-MM-dd") + " " + 1234.5.ToString("N1") + " " + $"{0.5}");
            Assert.Equal("2026-12-01 1,234.5 0.5", invariant);
            var expected = name == "th-TH" ? "2569-12-01 1,234.5 0.5" : name == "de-DE" ? "2026-12-01 1.234,5 0,5" : "2026-12-01 1\u00a0234,5 0,5";
            Assert.Equal(expected, local);
            if (name == "sv-SE") Assert.Equal("\u22127", Under(culture, () => (-7).ToString()));
        }

        // The cultures as users have them, with the parts that matter pinned, so the test means the same on every runtime.
        private static CultureInfo Strict(string name)
        {
            var c = (CultureInfo)new CultureInfo(name).Clone();
            if (name == "th-TH") c.DateTimeFormat.Calendar = new ThaiBuddhistCalendar();
            if (name == "de-DE")
            {
                c.NumberFormat.NumberDecimalSeparator = ",";
                c.NumberFormat.NumberGroupSeparator = ".";
            }
            if (name == "sv-SE")
            {
                c.NumberFormat.NumberDecimalSeparator = ",";
                c.NumberFormat.NumberGroupSeparator = "\u00a0";
                c.NumberFormat.NegativeSign = "\u2212";
            }
            return c;
        }

        private static string Under(CultureInfo culture, Func<string> produce)
        {
            var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                return produce();
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
                CultureInfo.CurrentUICulture = beforeUi;
            }
        }

        private static string Everything()
        {
            var sb = new StringBuilder();
            var statuses = Settings().Select(s => TokenStatusBuilder.Build(s, AsOf, new HealthOptions { StaleSyncHours = 36.5, NeverSyncedGraceHours = 12.25 }, "tenant-1")).ToList();
            foreach (var t in statuses) sb.Append("status ").Append(t.Name).Append(": ").Append(t.Status).Append(' ').Append(t.Severity).Append(' ').Append(Convert.ToString(t.DaysUntilExpiry, CultureInfo.InvariantCulture)).Append(' ').Append(t.StatusReason).Append('\n');

            var results = Results(statuses);
            foreach (var r in results)
            {
                sb.Append("result ").Append(r).Append('\n');
                foreach (var f in r.Findings)
                {
                    sb.Append(f).Append('\n');
                    foreach (var step in f.Remediation) sb.Append("  - ").Append(step).Append('\n');
                    if (f.Evidence != null) sb.Append("  evidence: ").Append(f.Evidence).Append('\n');
                }
            }

            var report = new HealthReport(results, AsOf);
            foreach (ReportFormat format in Enum.GetValues(typeof(ReportFormat))) sb.Append("== ").Append(format).Append('\n').Append(report.Render(format)).Append('\n');

            var previous = new AlertState { SentAt = AsOf.AddDays(-1).AddMinutes(-17), MinimumStatus = HealthStatus.Warning };
            var (changes, next) = AlertState.Compare(previous, results, HealthStatus.Warning, AsOf);
            var selection = AlertSelection.Select(results, HealthStatus.Warning, AsOf).WithChanges(changes, previous.SentAt);
            sb.Append("== alert\n").Append(selection.Subject).Append('\n').Append(selection.Summary).Append('\n').Append(selection.ChangeCounts).Append('\n');
            foreach (var line in selection.ChangeLines()) sb.Append(line).Append('\n');
            sb.Append(TeamsCard.Build(selection)).Append('\n');
            sb.Append(AlertMail.Build(selection, new[] { "ops@contoso.com" }).Message!.Body!.Content).Append('\n');
            sb.Append(next.ToJson()).Append('\n');
            var unchanged = AlertSelection.Select(results, HealthStatus.Warning, AsOf).WithChanges(Array.Empty<AlertChange>(), previous.SentAt);
            foreach (var line in unchanged.ChangeLines()) sb.Append(line).Append('\n');

            sb.Append("== messages\n");
            foreach (var bad in new[] { new HealthOptions { StaleSyncHours = -0.5 }, new HealthOptions { NeverSyncedGraceHours = -1.75 }, new HealthOptions { DeviceSampleSize = 5000 } })
            {
                try { bad.Validate(); }
                catch (ArgumentException e) { sb.Append(e.Message).Append('\n'); }
            }
            var gate = ManualSyncRule.Check(AsOf.AddMinutes(-4).AddSeconds(-9), AsOf);
            var tooSoon = ManualSyncRule.TooSoon("'Contoso ABM'", "tok-1", gate);
            sb.Append(tooSoon.Message).Append('\n').Append(tooSoon.RecommendedAction).Append('\n');
            sb.Append(InvariantText.Utc(AsOf)).Append(' ').Append(InvariantText.UtcSeconds(AsOf)).Append(' ').Append(InvariantText.UtcCell(AsOf)).Append(' ')
              .Append(InvariantText.Iso(AsOf)).Append(' ').Append(InvariantText.Day(AsOf)).Append(' ').Append(InvariantText.Count(1234567)).Append('\n');
            return sb.ToString();
        }

        // One token per state, with fractional and four-digit numbers where a culture could show them.
        private static IEnumerable<DepOnboardingSetting> Settings()
        {
            DepOnboardingSetting T(string name, Action<DepOnboardingSetting> change)
            {
                var s = new DepOnboardingSetting
                {
                    Id = "id-" + name, TokenName = name, AppleIdentifier = "ade@contoso.com", TokenType = "dep",
                    TokenExpirationDateTime = AsOf.AddDays(1234), LastSuccessfulSyncDateTime = AsOf.AddHours(-2),
                    LastSyncTriggeredDateTime = AsOf.AddHours(-2), LastSyncErrorCode = 0, SyncedDeviceCount = 12345,
                    DataSharingConsentGranted = true, LastModifiedDateTime = AsOf.AddDays(-400),
                };
                change(s);
                return s;
            }
            yield return T("Healthy", s => { });
            yield return T("Expired", s => s.TokenExpirationDateTime = AsOf.AddDays(-3).AddHours(-5));
            yield return T("Expiring", s => s.TokenExpirationDateTime = AsOf.AddDays(12).AddMinutes(7));
            yield return T("Failing3", s => { s.LastSyncErrorCode = 3; s.LastSuccessfulSyncDateTime = AsOf.AddDays(-9); s.LastSyncTriggeredDateTime = AsOf.AddMinutes(-6); });
            yield return T("Failing1234", s => s.LastSyncErrorCode = 1234);
            yield return T("FailingNegative", s => s.LastSyncErrorCode = -7);
            yield return T("Stale", s => s.LastSuccessfulSyncDateTime = AsOf.AddHours(-40).AddMinutes(-30));
            yield return T("NeverOld", s => { s.LastSuccessfulSyncDateTime = DateTimeOffset.MinValue; s.LastModifiedDateTime = AsOf.AddDays(-3); });
            yield return T("NeverNew", s => { s.LastSuccessfulSyncDateTime = DateTimeOffset.MinValue; s.LastModifiedDateTime = AsOf.AddHours(-2); });
            yield return T("NeverUnknownAge", s => { s.LastSuccessfulSyncDateTime = DateTimeOffset.MinValue; s.LastModifiedDateTime = null; });
            yield return T("NoExpiry", s => s.TokenExpirationDateTime = DateTimeOffset.MinValue);
            yield return T("NoConsent", s => s.DataSharingConsentGranted = false);
        }

        // Each token gets the tenant, profile and device facts that make the remaining rules speak.
        private static IReadOnlyList<HealthResult> Results(IReadOnlyList<TokenStatus> statuses)
        {
            var tenant = TenantFacts.FromApns(true, AsOf.AddDays(9).AddHours(3), "mdm@contoso.com");
            tenant.VppChecked = true;
            tenant.VppTokens = new[]
            {
                new VppTokenInfo { Id = "vpp-1", DisplayName = "Contoso Apps", State = "valid", ExpirationDateTime = AsOf.AddDays(20), LastSyncStatus = "completed", LastSyncDateTime = AsOf.AddHours(-5), OrganizationName = "Contoso", AppleId = "vpp@contoso.com" },
                new VppTokenInfo { Id = "vpp-2", DisplayName = "Old Apps", State = "expired", ExpirationDateTime = AsOf.AddDays(-40), OrganizationName = "Contoso", AppleId = "vpp@contoso.com" },
            };
            var profiles = ProfileFacts.FromProfiles(new[]
            {
                new EnrollmentProfile { Id = "p1", OdataType = "#microsoft.graph.depIOSEnrollmentProfile", IsDefault = true, DisplayName = "iPhone", CompanyPortalVppTokenId = "vpp-1" },
                new EnrollmentProfile { Id = "p2", OdataType = "#microsoft.graph.depIOSEnrollmentProfile", IsDefault = false, DisplayName = "iPad", CompanyPortalVppTokenId = "vpp-2" },
            }, (IReadOnlyDictionary<string, string?>?)null);
            var devices = new DeviceFacts(sampleSize: 3);
            for (var i = 0; i < 1500; i++) devices.Add(Device("F" + i.ToString("D4", CultureInfo.InvariantCulture), "ios", "p1", "failed"));
            for (var i = 0; i < 1200; i++) devices.Add(Device("N" + i.ToString("D4", CultureInfo.InvariantCulture), "macOS", null, "notContacted"));
            devices.Add(Device("BLOCKED1", "ios", "p1", "blocked"));

            var list = new List<HealthResult>();
            foreach (var t in statuses)
            {
                var withFacts = t.Name == "Healthy" || t.Name == "Stale";
                list.Add(HealthEvaluator.Evaluate(t, AsOf, new HealthOptions { StaleSyncHours = 36.5, NeverSyncedGraceHours = 12.25 }, tenant,
                    withFacts ? profiles : null, withFacts ? devices : null,
                    t.Name == "NoConsent" ? new[] { "its devices could not be read (HTTP 503, request-id 0000)" } : null));
            }
            return list;
        }

        private static ImportedAppleDeviceIdentity Device(string serial, string platform, string? profileId, string state)
            => new ImportedAppleDeviceIdentity { Id = "dev-" + serial, SerialNumber = serial, Platform = platform, RequestedEnrollmentProfileId = profileId, EnrollmentState = state };

        private static int FirstDifference(string a, string b)
        {
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++) if (a[i] != b[i]) return i;
            return a.Length == b.Length ? -1 : n;
        }

        private static string Around(string s, int at)
        {
            var start = Math.Max(0, at - 80);
            return s.Substring(start, Math.Min(s.Length - start, 160)).Replace("\n", "⏎");
        }
    }
}
