using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;

namespace AdeTokens.Tests.Status
{
    /// <summary>
    /// Get-AdeTokenStatus (TokenStatusBuilder) and Test-AdeTokenHealth (HealthCheckEngine over the same tokens) must
    /// agree on every token: the state is the one the health check's first expiry or sync finding names, the severity
    /// is its verdict, and the day counts are the same number.
    /// </summary>
    public class OneVerdictTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset Never = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Written out here rather than taken from HealthEvaluator, so a wrong mapping there cannot agree with itself.
        private static readonly Dictionary<string, TokenState> StateOfCode = new Dictionary<string, TokenState>
        {
            ["TokenExpired"] = TokenState.Expired,
            ["TokenExpiringSoon"] = TokenState.ExpiringSoon,
            ["ExpiryUnknown"] = TokenState.ExpiryUnknown,
            ["SyncFailed"] = TokenState.SyncFailed,
            ["NeverSynced"] = TokenState.NeverSynced,
            ["SyncStale"] = TokenState.SyncStale,
        };

        // Every combination of the facts the two verdicts read, edges included.
        private static IEnumerable<DepOnboardingSetting> Tokens()
        {
            var expiries = new DateTimeOffset?[] { Now.AddDays(-5), Now.AddSeconds(-1), Now.AddHours(2), Now.AddDays(5), Now.AddDays(7), Now.AddDays(8), Now.AddDays(30), Now.AddDays(31), Now.AddDays(200), Never, null };
            var codes = new int?[] { 0, 3, 42, null };
            var successes = new DateTimeOffset?[] { Never, null, Now.AddHours(-1), Now.AddHours(-36), Now.AddHours(-36).AddSeconds(-1), Now.AddDays(-9) };
            var modified = new DateTimeOffset?[] { null, Now.AddHours(-1), Now.AddHours(-24), Now.AddHours(-25), Now.AddDays(-300) };
            var consent = new bool?[] { true, false };
            var n = 0;
            foreach (var e in expiries)
                foreach (var c in codes)
                    foreach (var s in successes)
                        foreach (var m in modified)
                            foreach (var g in consent)
                            {
                                n++;
                                yield return new DepOnboardingSetting
                                {
                                    Id = "tok-" + n, TokenName = "Token " + n, AppleIdentifier = "ade@contoso.com", TokenType = "dep",
                                    TokenExpirationDateTime = e, LastSyncErrorCode = c, LastSuccessfulSyncDateTime = s,
                                    LastSyncTriggeredDateTime = s, LastModifiedDateTime = m, DataSharingConsentGranted = g,
                                };
                            }
        }

        private static IReadOnlyList<HealthResult> HealthCheck(IReadOnlyList<TokenStatus> tokens, HealthOptions options)
        {
            // The offline path of Test-AdeTokenHealth: tokens in hand, nothing read from Graph.
            var request = new HealthCheckRequest { Tokens = tokens, AsOf = Now, Options = options, IncludeTenant = false };
            return new HealthCheckEngine(null, null).RunAsync(request, new NullObserver(), CancellationToken.None).GetAwaiter().GetResult().Results;
        }

        public static IEnumerable<object[]> Options()
        {
            yield return new object[] { "defaults", new HealthOptions() };
            yield return new object[] { "tight", new HealthOptions { WarningDays = 60, CriticalDays = 10, StaleSyncHours = 12, NeverSyncedGraceHours = 0 } };
            yield return new object[] { "loose", new HealthOptions { WarningDays = 7, CriticalDays = 0, StaleSyncHours = 200, NeverSyncedGraceHours = 72 } };
        }

        [Theory]
        [MemberData(nameof(Options))]
        public void BothCmdletsGiveTheSameVerdictForEveryToken(string name, HealthOptions options)
        {
            var settings = Tokens().ToList();
            var statuses = settings.Select(s => TokenStatusBuilder.Build(s, Now, options)).ToList();
            var results = HealthCheck(statuses, options).ToDictionary(r => r.TokenId);
            Assert.Equal(statuses.Count, results.Count);

            foreach (var t in statuses)
            {
                var r = results[t.Id];
                var headline = r.Findings.FirstOrDefault(f => f.Severity >= FindingSeverity.Warning && StateOfCode.ContainsKey(f.Code));
                var expected = headline is null ? TokenState.Healthy : StateOfCode[headline.Code];
                var why = $"{name}: {t.Name}: expiry {t.ExpirationDateTime}, code {t.LastSyncErrorCode}, success {t.LastSuccessfulSyncDateTime}, modified {t.LastModifiedDateTime}; findings {r.FindingCodes}";
                Assert.True(expected == t.Status, $"Status {t.Status}, health check says {expected}. {why}");
                Assert.True(r.Status == t.Severity, $"Severity {t.Severity}, health check says {r.Status}. {why}");
                Assert.True(r.DaysUntilExpiry == t.DaysUntilExpiry, $"Days {t.DaysUntilExpiry} vs {r.DaysUntilExpiry}. {why}");
                // The snapshot path (Test-AdeTokenHealth -Path) builds and judges in one call; it must say the same.
                Assert.Equal(r.Status, HealthEvaluator.Evaluate(settings.Single(s => s.Id == t.Id), Now, options).Status);
            }

            // The table has to reach every state, or agreement on it would prove little. (Names, not enum values:
            // Mono hands xunit an enum sequence as Int32[].)
            Assert.Equal(Enum.GetNames(typeof(TokenState)).OrderBy(s => s), statuses.Select(s => s.Status.ToString()).Distinct().OrderBy(s => s));
        }

        [Fact]
        public void EveryStateButHealthyIsAFindingCodeOfTheHealthCheck()
        {
            var states = Enum.GetNames(typeof(TokenState)).Where(s => s != nameof(TokenState.Healthy)).OrderBy(s => s);
            Assert.Equal(states, StateOfCode.Values.Select(s => s.ToString()).OrderBy(s => s));
            foreach (var kv in StateOfCode) Assert.Equal(kv.Value, HealthEvaluator.StateFor(kv.Key));
            Assert.Throws<ArgumentException>(() => HealthEvaluator.StateFor(HealthFindingCodes.ConsentNotGranted));
        }

        private sealed class NullObserver : IHealthCheckObserver
        {
            public void OnProgress(HealthCheckProgress progress) { }
            public void OnError(Exception error, string target, string notChecked) => throw new InvalidOperationException(target + ": " + error.Message);
            public void OnWarning(string message) { }
            public void OnTokenNotFound(string id) => throw new InvalidOperationException(id);
        }
    }
}
