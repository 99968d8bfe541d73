using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;
using static AdeTokens.Tests.Health.HealthTestData;

namespace AdeTokens.Tests.Health
{
    public class HealthEvaluatorTests
    {
        [Fact]
        public void FindingsAreSortedMostSevereFirst()
        {
            var t = Healthy(x =>
            {
                x.DataSharingConsentGranted = false;                           // Warning
                x.LastSyncTriggeredDateTime = AsOf.AddMinutes(-2);             // Info
                x.ExpirationDateTime = AsOf.AddDays(20);                       // Warning (ExpiringSoon)
                x.LastSyncErrorCode = 42;                                      // Critical
            });
            var r = Eval(t, tenant: TenantFacts.FromApns(true, AsOf.AddDays(-1), "mdm@contoso.com")); // Critical
            var severities = r.Findings.Select(f => f.Severity).ToArray();
            Assert.Equal(severities.OrderByDescending(s => s), severities);
            Assert.Equal(new[] { "SyncFailed", "ApnsCertificateExpired", "TokenExpiringSoon", "ConsentNotGranted", "SyncRecentlyTriggered" }, r.Findings.Select(f => f.Code));
            Assert.Equal("SyncFailed, ApnsCertificateExpired, TokenExpiringSoon, ConsentNotGranted, SyncRecentlyTriggered", r.FindingCodes);
            Assert.Equal(HealthStatus.Critical, r.Status);
            Assert.All(r.Findings, f => Assert.Equal("tok-1", f.TokenId));
        }

        public static IEnumerable<object[]> PermanentProblems()
        {
            yield return new object[] { "expired", Healthy(t => t.ExpirationDateTime = AsOf.AddSeconds(-1)), null! };
            yield return new object[] { "sync error", Healthy(t => t.LastSyncErrorCode = 1), null! };
            yield return new object[] { "never synced, old", Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = AsOf.AddDays(-30); }), null! };
            yield return new object[] { "never synced, age unknown", Healthy(t => { t.LastSuccessfulSyncDateTime = null; t.LastModifiedDateTime = null; }), null! };
            yield return new object[] { "no expiry date", Healthy(t => t.ExpirationDateTime = null), null! };
            yield return new object[] { "stale", Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddDays(-10)), null! };
            yield return new object[] { "empty status", new TokenStatus { Id = "x" }, null! };
            yield return new object[] { "APNs missing", Healthy(), TenantFacts.FromApns(false, null, null) };
            yield return new object[] { "APNs expired", Healthy(), TenantFacts.FromApns(true, AsOf.AddDays(-400), null) };
            yield return new object[] { "APNs no expiry", Healthy(), TenantFacts.FromApns(true, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), null) };
        }

        [Theory]
        [MemberData(nameof(PermanentProblems))]
        public void APermanentProblemNeverLooksHealthy(string name, TokenStatus token, TenantFacts? tenant)
        {
            var r = Eval(token, tenant: tenant);
            Assert.True(r.Status != HealthStatus.Healthy, $"{name} came out Healthy");
            Assert.Contains(r.Findings, f => f.Severity >= FindingSeverity.Warning);
            Assert.All(r.Findings, f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Message));
                Assert.NotEmpty(f.Remediation);
                Assert.StartsWith("https://learn.microsoft.com/", f.HelpUri);
                Assert.False(string.IsNullOrEmpty(f.Target));
            });
        }

        [Fact]
        public void EvaluationIsDeterministicGivenAsOf()
        {
            var t = Healthy(x => { x.LastSyncErrorCode = 42; x.ExpirationDateTime = AsOf.AddDays(3); });
            string Render(HealthResult r) => string.Join("\n", r.Findings.Select(f => $"{f.Code}|{f.Severity}|{f.Message}|{string.Join("/", f.Remediation)}|{f.Evidence}"));
            Assert.Equal(Render(Eval(t)), Render(Eval(t)));
            Assert.Equal(AsOf, Eval(t).EvaluatedAt);
        }

        [Fact]
        public void ResultCarriesTheTokenFacts()
        {
            var t = Healthy();
            var r = Eval(t);
            Assert.Equal("tok-1", r.TokenId);
            Assert.Equal("Contoso ABM", r.TokenName);
            Assert.Equal("abm-admin@contoso.com", r.AppleId);
            Assert.Equal("tenant-1", r.TenantId);
            Assert.Same(t, r.Token);
            Assert.Equal(t.ExpirationDateTime, r.ExpirationDateTime);
            Assert.Equal(t.LastSuccessfulSyncDateTime, r.LastSuccessfulSyncDateTime);
            Assert.Equal("Contoso ABM (tok-1): Healthy", r.ToString());
            var bad = Eval(Healthy(x => x.LastSyncErrorCode = 3));
            Assert.Equal("Contoso ABM (tok-1): Critical [SyncFailed]", bad.ToString());
            Assert.StartsWith("Critical SyncFailed: ", bad.Findings[0].ToString());
        }

        [Fact]
        public void SettingOverloadBuildsTheStatusAtAsOf()
        {
            var s = new DepOnboardingSetting
            {
                Id = "s1", TokenName = "From snapshot", AppleIdentifier = "a@b.c",
                TokenExpirationDateTime = AsOf.AddDays(7), LastSuccessfulSyncDateTime = AsOf.AddHours(-1),
                LastModifiedDateTime = AsOf.AddDays(-300), LastSyncErrorCode = 0, DataSharingConsentGranted = true,
            };
            var r = HealthEvaluator.Evaluate(s, AsOf, tenantId: "t9");
            Assert.Equal(HealthStatus.Critical, r.Status);
            Assert.Equal("t9", r.TenantId);
            Assert.Equal(AsOf, r.Token!.EvaluatedAt);
            Assert.Equal(7, r.DaysUntilExpiry);
        }

        [Fact]
        public void InvalidOptionsThrowBeforeEvaluating()
        {
            var ex = Assert.Throws<ArgumentException>(() => Eval(Healthy(), new HealthOptions { WarningDays = 5, CriticalDays = 10 }));
            Assert.Equal("CriticalDays", ex.ParamName);
        }
    }

    public class HealthOptionsTests
    {
        [Fact]
        public void DefaultsMatchTheIssue()
        {
            var o = new HealthOptions();
            Assert.Equal(30, o.WarningDays);
            Assert.Equal(7, o.CriticalDays);
            Assert.Equal(36, o.StaleSyncHours);
            Assert.Equal(24, o.NeverSyncedGraceHours);
            Assert.Equal(15, o.ManualSyncIntervalMinutes);
            Assert.Equal(5, o.DeviceSampleSize);
            o.Validate();
        }

        [Theory]
        [InlineData("CriticalDays", "CriticalDays (10) must not be greater than WarningDays (5)")]
        [InlineData("WarningDays", "WarningDays must be 0 or more; it is -1.")]
        [InlineData("CriticalDaysNegative", "CriticalDays must be 0 or more; it is -2.")]
        [InlineData("StaleSyncHours", "StaleSyncHours must be greater than 0; it is 0.")]
        [InlineData("NeverSyncedGraceHours", "NeverSyncedGraceHours must be 0 or more; it is -1.")]
        [InlineData("ManualSyncIntervalMinutes", "ManualSyncIntervalMinutes must be greater than 0; it is 0.")]
        [InlineData("DeviceSampleSize", "DeviceSampleSize must be between 0 and 1000; it is -1.")]
        public void ValidationMessagesNameTheProblem(string what, string expected)
        {
            var o = new HealthOptions();
            switch (what)
            {
                case "CriticalDays": o.WarningDays = 5; o.CriticalDays = 10; break;
                case "WarningDays": o.WarningDays = -1; o.CriticalDays = 0; break;
                case "CriticalDaysNegative": o.CriticalDays = -2; break;
                case "StaleSyncHours": o.StaleSyncHours = 0; break;
                case "NeverSyncedGraceHours": o.NeverSyncedGraceHours = -1; break;
                case "ManualSyncIntervalMinutes": o.ManualSyncIntervalMinutes = 0; break;
                case "DeviceSampleSize": o.DeviceSampleSize = -1; break;
            }
            var ex = Assert.Throws<ArgumentException>(() => o.Validate());
            Assert.Contains(expected, ex.Message);
            Assert.Equal(what == "CriticalDaysNegative" ? "CriticalDays" : what, ex.ParamName);
        }

        [Fact]
        public void InfiniteHoursAreRejected()
        {
            Assert.Throws<ArgumentException>(() => new HealthOptions { StaleSyncHours = double.PositiveInfinity }.Validate());
            Assert.Throws<ArgumentException>(() => new HealthOptions { NeverSyncedGraceHours = double.NaN }.Validate());
        }

        [Fact]
        public void FractionalStaleHoursAreExact()
        {
            var o = new HealthOptions { StaleSyncHours = 0.5 };
            Assert.Null(Eval(Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddMinutes(-30)), o).Find(HealthFindingCodes.SyncStale));
            Assert.NotNull(Eval(Healthy(t => t.LastSuccessfulSyncDateTime = AsOf.AddMinutes(-30).AddTicks(-1)), o).Find(HealthFindingCodes.SyncStale));
        }
    }
}
